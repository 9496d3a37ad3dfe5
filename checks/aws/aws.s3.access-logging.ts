import { defineCheck } from '../../src/core/check.js';
import { FactError } from '../../src/core/facts.js';
import { eachBucket } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.s3.access-logging',
    title: 'Buckets log access',
    provider: 'aws',
    severity: 'low',
    description:
      "Server access logging is enabled on each bucket and its target bucket exists: a target among the account's buckets is confirmed by the listing, " +
      'another by its location (s3:GetBucketLocation). S3 drops the logs of a missing target silently, so a target that does not exist (NoSuchBucket) ' +
      'fails, and one the scan cannot read is an error (could not be confirmed), never a pass. The target bucket and prefix are recorded.',
    remediation:
      "Enable server access logging (Properties > Server access logging) to a dedicated log bucket that exists and accepts the logging service's writes.",
    messages: {
      enabled: '{bucket} logs access to {targetBucket}',
      disabled: '{bucket} has no server access logging',
      targetMissing: '{bucket} logs access to {targetBucket}, which does not exist',
      noBuckets: 'The account has no buckets',
    },
  },
  async run(ctx) {
    return eachBucket(ctx, async (b) => {
      const log = await ctx.aws.s3.logging(b.name);
      const observed = { bucket: b.name, targetBucket: log.targetBucket, targetPrefix: log.targetPrefix };
      if (!log.enabled) return ctx.fail(b.arn, 'disabled', observed);
      if (!log.targetBucket) return ctx.missing(b.arn, `logging of ${b.name} is enabled without a target bucket`, observed);
      try {
        const targetRegion = await ctx.aws.s3.bucketRegion(log.targetBucket);
        return ctx.pass(b.arn, 'enabled', { ...observed, targetRegion });
      } catch (err) {
        if (err instanceof FactError && err.kind === 'not_found') return ctx.fail(b.arn, 'targetMissing', observed);
        throw err;
      }
    });
  },
});
