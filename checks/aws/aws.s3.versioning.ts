import { defineCheck } from '../../src/core/check.js';
import { eachBucket } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.s3.versioning',
    title: 'Buckets keep object versions',
    provider: 'aws',
    severity: 'medium',
    description: 'Versioning is enabled on each bucket, so that overwritten or deleted objects can be recovered.',
    remediation: 'Enable versioning (Properties > Bucket Versioning) and add a lifecycle rule to expire old versions.',
    messages: {
      enabled: '{bucket} has versioning enabled',
      disabled: '{bucket} versioning is {status}',
      noBuckets: 'The account has no buckets',
    },
  },
  async run(ctx) {
    return eachBucket(ctx, async (b) => {
      const v = await ctx.aws.s3.versioning(b.name);
      const observed = { bucket: b.name, status: v.status ?? 'never enabled', mfaDelete: v.mfaDelete };
      return v.status === 'Enabled' ? ctx.pass(b.arn, 'enabled', observed) : ctx.fail(b.arn, 'disabled', observed);
    });
  },
});
