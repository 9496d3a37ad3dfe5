import { describe, expect, it } from 'vitest';
import { FactError } from '../../src/core/facts.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { bucket, perBucket, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.s3.default-encryption.js';

const rule = (algorithm: string, kmsKeyId: string | null = null) => ({ rules: [{ algorithm, kmsKeyId, bucketKeyEnabled: null }] });
const denied = new FactError({ kind: 'denied', message: 'AccessDenied', permission: 's3:GetEncryptionConfiguration' });

describe('aws.s3.default-encryption', () => {
  it('passes AES-256 and KMS, fails none or another algorithm, errors only the bucket it could not read', async () => {
    const names = ['sse-s3', 'sse-kms', 'dsse', 'none', 'odd', 'denied'];
    const results = await runCheck(
      check,
      {
        s3: {
          buckets: answers(names.map((n) => bucket(n))),
          bucketEncryption: perBucket({ 'sse-s3': rule('AES256'), 'sse-kms': rule('aws:kms', 'arn:aws:kms:eu-west-1:1:key/k'), dsse: rule('aws:kms:dsse'), none: null, odd: rule('XOR'), denied }),
        },
      },
      { target: TARGET },
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'fail', 'fail', 'error']);
    expect(results[1].observed).toMatchObject({ algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:eu-west-1:1:key/k' });
    expect(results[5]).toMatchObject({ resource: 'arn:aws:s3:::denied', message: expect.stringContaining('s3:GetEncryptionConfiguration') });
  });

  it('is not applicable without buckets; errors when buckets cannot be listed', async () => {
    expect((await runCheck(check, { s3: { buckets: answers([]) } }, { target: TARGET }))[0].status).toBe('not_applicable');
    const [r] = await runCheck(check, { s3: { buckets: failing({ permission: 's3:ListAllMyBuckets' }) } }, { target: TARGET });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('s3:ListAllMyBuckets') });
  });
});
