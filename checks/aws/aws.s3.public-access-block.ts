import { defineCheck } from '../../src/core/check.js';
import { eachBucket, effectiveBlock, PAB_FLAGS } from '../../src/providers/aws/judge.js';
import type { PublicAccessBlock } from '../../src/providers/aws/types.js';

export default defineCheck({
  meta: {
    id: 'aws.s3.public-access-block',
    title: 'Public access to buckets is blocked',
    provider: 'aws',
    severity: 'high',
    description: 'The effective public access block of each bucket (account-level OR bucket-level, flag by flag) blocks all four kinds of public access.',
    remediation: 'Turn on all four Block Public Access settings for the account, or on the bucket.',
    messages: {
      blocked: '{bucket} blocks all public access ({source})',
      open: '{bucket} does not block: {missing}',
      noBuckets: 'The account has no buckets',
    },
  },
  async run(ctx) {
    // An unreadable account-level block leaves buckets that block everything themselves provable.
    const account = await ctx.aws.s3.accountPublicAccessBlock().catch((err: unknown) => err);
    const accountError = account instanceof Error ? account : undefined;
    const accountBlock = accountError ? null : (account as PublicAccessBlock | null);
    const accountBlocksAll = PAB_FLAGS.every((f) => accountBlock?.[f]);
    return eachBucket(ctx, async (b) => {
      // When the account blocks everything, the bucket's own setting cannot weaken it: no need to read it.
      const bucket = accountBlocksAll ? null : await ctx.aws.s3.publicAccessBlock(b.name);
      const effective = effectiveBlock(accountBlock, bucket);
      const missing = PAB_FLAGS.filter((f) => !effective[f]);
      if (missing.length && accountError) throw accountError;
      const observed = { bucket: b.name, account: accountBlock, bucketLevel: accountBlocksAll ? 'not read' : bucket, effective, missing };
      if (missing.length) return ctx.fail(b.arn, 'open', observed);
      return ctx.pass(b.arn, 'blocked', { ...observed, source: accountBlocksAll ? 'account level' : 'bucket and account level' });
    });
  },
});
