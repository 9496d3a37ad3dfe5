import { defineCheck } from '../../src/core/check.js';
import { accountBlock, eachBucket, effectiveBlock, PAB_FLAGS } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.s3.public-access-block',
    title: 'Public access to buckets is blocked',
    provider: 'aws',
    severity: 'high',
    description: 'The effective block of each bucket (account OR bucket level, flag by flag) blocks all four kinds of public access.',
    remediation: 'Turn on all four Block Public Access settings for the account, or on the bucket.',
    messages: {
      blocked: '{bucket} blocks all public access ({source})',
      open: '{bucket} does not block: {missing}',
      noBuckets: 'The account has no buckets',
    },
  },
  async run(ctx) {
    const account = await accountBlock(ctx);
    return eachBucket(ctx, async (b) => {
      // When the account blocks everything, the bucket's own setting cannot weaken it: no need to read it.
      const bucket = account.blocksAll ? null : await ctx.aws.s3.publicAccessBlock(b.name);
      const effective = effectiveBlock(account.block, bucket);
      const missing = PAB_FLAGS.filter((f) => !effective[f]);
      // Without the account-level block, only a bucket that blocks everything itself is proven.
      if (missing.length && account.error) throw account.error;
      const observed = { bucket: b.name, account: account.block, bucketLevel: account.blocksAll ? 'not read' : bucket, effective, missing };
      if (missing.length) return ctx.fail(b.arn, 'open', observed);
      return ctx.pass(b.arn, 'blocked', { ...observed, source: account.blocksAll ? 'account level' : 'bucket and account level' });
    });
  },
});
