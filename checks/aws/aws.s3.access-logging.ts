import { defineCheck } from '../../src/core/check.js';
import { eachBucket } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.s3.access-logging',
    title: 'Buckets log access',
    provider: 'aws',
    severity: 'low',
    description: 'Server access logging is enabled on each bucket; the target bucket and prefix are recorded.',
    remediation: 'Enable server access logging (Properties > Server access logging) to a dedicated log bucket.',
    messages: {
      enabled: '{bucket} logs access to {targetBucket}',
      disabled: '{bucket} has no server access logging',
      noBuckets: 'The account has no buckets',
    },
  },
  async run(ctx) {
    return eachBucket(ctx, async (b) => {
      const log = await ctx.aws.s3.logging(b.name);
      const observed = { bucket: b.name, targetBucket: log.targetBucket, targetPrefix: log.targetPrefix };
      return log.enabled ? ctx.pass(b.arn, 'enabled', observed) : ctx.fail(b.arn, 'disabled', observed);
    });
  },
});
