import { defineCheck } from '../../src/core/check.js';
import { eachBucket } from '../../src/judging/aws/judge.js';

const AT_REST = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

export default defineCheck({
  meta: {
    id: 'aws.s3.default-encryption',
    title: 'Buckets encrypt at rest by default',
    provider: 'aws',
    severity: 'high',
    description: 'Each bucket\'s default encryption is SSE-S3 (AES-256), SSE-KMS or DSSE-KMS; the algorithm and key are recorded.',
    remediation: 'Set default encryption on the bucket (Properties > Default encryption), preferably SSE-KMS with a customer-managed key.',
    messages: {
      encrypted: '{bucket} encrypts new objects with {algorithm}',
      unencrypted: '{bucket} has no default encryption',
      other: '{bucket} default encryption is {algorithm}, not AES-256 or KMS',
      noBuckets: 'The account has no buckets',
    },
  },
  async run(ctx) {
    return eachBucket(ctx, async (b) => {
      const enc = await ctx.aws.s3.bucketEncryption(b.name);
      const rule = enc?.rules.find((r) => r.algorithm);
      if (!rule) return ctx.fail(b.arn, 'unencrypted', { bucket: b.name, algorithm: null });
      const observed = { bucket: b.name, algorithm: rule.algorithm, kmsKeyId: rule.kmsKeyId, bucketKeyEnabled: rule.bucketKeyEnabled };
      return AT_REST.has(rule.algorithm!) ? ctx.pass(b.arn, 'encrypted', observed) : ctx.fail(b.arn, 'other', observed);
    });
  },
});
