import { defineCheck } from '../../src/core/check.js';
import { eachRegion, orNone, regionalArn } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.rds.snapshot-public',
    title: 'No RDS snapshot is public',
    provider: 'aws',
    severity: 'critical',
    description:
      'No manual DB snapshot or manual DB cluster snapshot, in every scanned region, can be restored by everyone: its `restore` attribute ' +
      '(DescribeDBSnapshotAttributes, DescribeDBClusterSnapshotAttributes) must not hold the value `all`. A snapshot shared with named ' +
      'accounts passes, with those accounts recorded. Only manual snapshots can be shared, so automated ones are not listed ' +
      '(DescribeDBSnapshots and DescribeDBClusterSnapshots with SnapshotType manual). No manual snapshot in any scanned region is not applicable.',
    remediation: "Modify the snapshot's visibility to Private (RDS > Snapshots > Actions > Share snapshot), or delete it.",
    messages: {
      private: 'DB {kind} snapshot {id} is not public (shared with: {sharedWith})',
      public: 'DB {kind} snapshot {id} can be restored by everyone',
      noSnapshots: 'No manual RDS snapshots in the scanned regions',
    },
  },
  async run(ctx) {
    const results = await eachRegion(
      ctx,
      (region) => regionalArn(ctx, 'rds', region, 'snapshot:*'),
      async (region) =>
        ctx.each(
          await ctx.aws.rds.manualSnapshots(region),
          (s) => s.arn,
          async (s) => {
            const restorers = await ctx.aws.rds.restorers(region, s);
            const o = {
              kind: s.kind === 'cluster' ? 'cluster' : 'instance',
              id: s.id,
              region,
              sourceId: s.sourceId,
              encrypted: s.encrypted,
            };
            const sharedWith = restorers.filter((r) => r !== 'all');
            return restorers.includes('all')
              ? ctx.fail(s.arn, 'public', { ...o, sharedWith })
              : ctx.pass(s.arn, 'private', { ...o, sharedWith });
          },
        ),
    );
    return orNone(ctx, results, 'noSnapshots');
  },
});
