import { describe, expect, it } from 'vitest';
import { FactError } from '../../src/core/facts.js';
import { runCheck } from '../../src/testing/run-check.js';
import { kmsFacts, kmsKey, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.kms.key-spec.js';

describe('aws.kms.key-spec', () => {
  it('passes SYMMETRIC_DEFAULT encryption keys, fails other specs used for encryption', async () => {
    const facts = kmsFacts({
      'eu-west-1': [
        kmsKey('aes'),
        kmsKey('rsa-enc', { keySpec: 'RSA_4096' }),
        kmsKey('signing', { keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' }),
        kmsKey('hmac', { keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' }),
        kmsKey('aws', { keyManager: 'AWS' }),
      ],
    });
    const results = await runCheck(check, facts, { target: TARGET });
    expect(results.map((r) => [r.resource.split('/').pop(), r.status])).toEqual([
      ['aes', 'pass'],
      ['rsa-enc', 'fail'],
      ['signing', 'not_applicable'],
      ['hmac', 'not_applicable'],
      ['aws', 'not_applicable'],
    ]);
    expect(results[1].observed).toMatchObject({ keySpec: 'RSA_4096' });
  });

  it('errors when a region cannot be listed', async () => {
    const facts = kmsFacts({ 'eu-west-1': new FactError({ kind: 'denied', message: 'AccessDenied', permission: 'kms:ListKeys' }) });
    const [r] = await runCheck(check, facts, { target: TARGET });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('kms:ListKeys') });
  });
});
