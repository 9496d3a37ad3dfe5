import { defineCheck } from '../../src/core/check.js';
import { eachBucket } from '../../src/judging/aws/judge.js';

const AT_REST = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);
const KMS = new Set(['aws:kms', 'aws:kms:dsse']);
const REQUIRE = ['any', 'kms', 'kms-cmk'];

/** Without a key id, or with the `aws/s3` alias, S3 uses the account's AWS-managed key. */
const isAwsManagedAlias = (keyId: string | null) => !keyId || /(^|:)alias\/aws\/s3$/.test(keyId);

export default defineCheck({
  meta: {
    id: 'aws.s3.default-encryption',
    title: 'Buckets encrypt at rest by default',
    provider: 'aws',
    severity: 'high',
    description:
      "Each bucket's default encryption meets `require`: `any` (SSE-S3 AES256, SSE-KMS or DSSE-KMS), `kms` (SSE-KMS or DSSE-KMS) or `kms-cmk` (SSE-KMS or " +
      'DSSE-KMS with a customer-managed key: no key id or `alias/aws/s3` means the AWS-managed key, and a key id is read with kms:DescribeKey). The algorithm, ' +
      'key and whether the rule blocks SSE-C uploads (BlockedEncryptionTypes) are recorded. What it can prove: since January 2023 S3 applies SSE-S3 to ' +
      'every new object of every bucket, so `any` nearly always passes and shows only that a configuration is in place; it cannot prove how objects written ' +
      'before were encrypted, nor that uploads do not override the default with SSE-C unless SSE-C is blocked, nor what a bucket policy demands of uploads.',
    remediation:
      'Set default encryption on the bucket (Properties > Default encryption), preferably SSE-KMS with a customer-managed key, and block SSE-C.',
    messages: {
      encrypted: '{bucket} encrypts new objects with {algorithm}',
      unencrypted: '{bucket} has no default encryption',
      other: '{bucket} default encryption is {algorithm}, not AES-256 or KMS',
      notKms: '{bucket} encrypts with {algorithm}, not SSE-KMS (require: {require})',
      awsManagedKey: '{bucket} encrypts with an AWS-managed KMS key, not a customer-managed one (require: {require})',
      noBuckets: 'The account has no buckets',
    },
    settings: {
      require: { type: 'string', default: 'any', description: 'any | kms | kms-cmk: the least default encryption a bucket must have.' },
    },
  },
  async run(ctx) {
    const { require } = ctx.settings;
    if (!REQUIRE.includes(require)) throw new Error(`setting require is "${require}"; expected one of ${REQUIRE.join(', ')}`);
    return eachBucket(ctx, async (b) => {
      const enc = await ctx.aws.s3.bucketEncryption(b.name);
      const rule = enc?.rules.find((r) => r.algorithm);
      if (!rule?.algorithm) return ctx.fail(b.arn, 'unencrypted', { bucket: b.name, algorithm: null, require });
      const sseCBlocked = enc!.rules.some((r) => r.blockedEncryptionTypes?.includes('SSE-C'));
      const observed = {
        bucket: b.name,
        algorithm: rule.algorithm,
        kmsKeyId: rule.kmsKeyId,
        bucketKeyEnabled: rule.bucketKeyEnabled,
        sseCBlocked,
        require,
      };
      if (!AT_REST.has(rule.algorithm)) return ctx.fail(b.arn, 'other', observed);
      if (require === 'any') return ctx.pass(b.arn, 'encrypted', observed);
      if (!KMS.has(rule.algorithm)) return ctx.fail(b.arn, 'notKms', observed);
      if (require === 'kms') return ctx.pass(b.arn, 'encrypted', observed);
      if (isAwsManagedAlias(rule.kmsKeyId)) return ctx.fail(b.arn, 'awsManagedKey', { ...observed, keyManager: 'AWS' });
      const key = await ctx.aws.kms.describeKey(b.region ?? (await ctx.aws.s3.bucketRegion(b.name)), rule.kmsKeyId!);
      const withKey = { ...observed, keyManager: key.keyManager };
      return key.keyManager === 'CUSTOMER' ? ctx.pass(b.arn, 'encrypted', withKey) : ctx.fail(b.arn, 'awsManagedKey', withKey);
    });
  },
});
