import { describe, expect, it } from 'vitest';
import { FactError } from '../../src/core/facts.js';
import { runCheck } from '../../src/testing/run-check.js';
import { ACCOUNT, kmsFacts, kmsKey, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.kms.key-policy-public.js';

const rootOnly = { Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };
const open = { Statement: [...rootOnly.Statement, { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] };
const conditioned = { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } } }] };

describe('aws.kms.key-policy-public', () => {
  it('fails an unconditioned "*", passes restricted policies, skips AWS-managed keys', async () => {
    const facts = kmsFacts(
      { 'eu-west-1': [kmsKey('private'), kmsKey('open'), kmsKey('conditioned'), kmsKey('aws', { keyManager: 'AWS' })] },
      { keyPolicy: { private: rootOnly, open, conditioned } },
    );
    const results = await runCheck(check, facts, { target: TARGET });
    expect(results.map((r) => [r.resource.split('/').pop(), r.status])).toEqual([
      ['private', 'pass'],
      ['open', 'fail'],
      ['conditioned', 'pass'],
      ['aws', 'not_applicable'],
    ]);
    expect(results[1].message).toBe('Key open policy allows anyone: Anyone');
  });

  it('errors naming the permission when a policy cannot be read', async () => {
    const facts = kmsFacts({ 'eu-west-1': [kmsKey('k')] }, { keyPolicy: { k: new FactError({ kind: 'denied', message: 'AccessDenied', permission: 'kms:GetKeyPolicy' }) } });
    const [r] = await runCheck(check, facts, { target: TARGET });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('kms:GetKeyPolicy') });
  });
});
