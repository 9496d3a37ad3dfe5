import { describe, expect, it } from 'vitest';
import { FactError } from '../../src/core/facts.js';
import { runCheck } from '../../src/testing/run-check.js';
import { kmsFacts, kmsKey, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.kms.key-rotation.js';

describe('aws.kms.key-rotation', () => {
  it('judges customer symmetric keys in every region; the rest are not applicable', async () => {
    const facts = kmsFacts(
      {
        'eu-west-1': [
          kmsKey('rotating'),
          kmsKey('static'),
          kmsKey('aws', { keyManager: 'AWS' }),
          kmsKey('rsa', { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' }),
          kmsKey('imported', { origin: 'EXTERNAL' }),
          kmsKey('doomed', { keyState: 'PendingDeletion' }),
        ],
        'us-east-1': [kmsKey('us-static', {}, 'us-east-1')],
      },
      { rotation: { rotating: { enabled: true, rotationPeriodInDays: 365 }, static: { enabled: false, rotationPeriodInDays: null }, 'us-static': { enabled: false, rotationPeriodInDays: null } } },
    );
    const results = await runCheck(check, facts, { target: TARGET });
    expect(results.map((r) => [r.resource.split('/').pop(), r.status])).toEqual([
      ['rotating', 'pass'],
      ['static', 'fail'],
      ['aws', 'not_applicable'],
      ['rsa', 'not_applicable'],
      ['imported', 'not_applicable'],
      ['doomed', 'not_applicable'],
      ['us-static', 'fail'],
    ]);
    expect(results[6].resource).toBe('arn:aws:kms:us-east-1:123456789012:key/us-static');
  });

  it('errors the key whose rotation is denied and the region whose keys cannot be listed', async () => {
    const denied = (permission: string) => new FactError({ kind: 'denied', message: 'AccessDenied', permission });
    const facts = kmsFacts({ 'eu-west-1': [kmsKey('k')], 'ap-south-1': denied('kms:ListKeys') }, { rotation: { k: denied('kms:GetKeyRotationStatus') } });
    const results = await runCheck(check, facts, { target: TARGET });
    expect(results.map((r) => [r.resource, r.status])).toEqual([
      ['arn:aws:kms:eu-west-1:123456789012:key/k', 'error'],
      ['arn:aws:kms:ap-south-1:123456789012:key/*', 'error'],
    ]);
    expect(results[0].message).toContain('kms:GetKeyRotationStatus');
    expect(results[1].message).toContain('kms:ListKeys');
  });

  it('is not applicable without keys', async () => {
    expect((await runCheck(check, kmsFacts({ 'eu-west-1': [] }), { target: TARGET }))[0].status).toBe('not_applicable');
  });
});
