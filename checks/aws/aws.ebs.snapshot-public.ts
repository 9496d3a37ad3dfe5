import { defineCheck } from '../../src/core/check.js';
import { ec2Arn, eachRegional } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.ebs.snapshot-public',
    title: 'No EBS snapshot is public',
    provider: 'aws',
    severity: 'critical',
    description:
      'No snapshot the account owns (DescribeSnapshots, OwnerIds self) grants create-volume permission to the group `all`, which lets ' +
      'every AWS account make a volume of it. Public snapshots are found with a second DescribeSnapshots filtered on RestorableByUserIds ' +
      '`all` (the API reference: `all` returns public snapshots), instead of a DescribeSnapshotAttribute per snapshot. Sharing with named ' +
      'accounts is not public and passes. No snapshot in any scanned region is not applicable.',
    remediation: 'Remove the `all` group from the snapshot’s create-volume permissions (Modify permissions > Private).',
    messages: {
      private: 'Snapshot {snapshotId} is not public',
      public: 'Snapshot {snapshotId} can be restored by every AWS account (encrypted: {encrypted})',
      noSnapshots: 'No EBS snapshots owned in the scanned regions',
    },
  },
  async run(ctx) {
    return eachRegional(
      ctx,
      'noSnapshots',
      (region) => ctx.aws.ebs.snapshots(region),
      (r) => ec2Arn(ctx.target, r, 'snapshot/*', false),
      (s) => s.arn,
      (s) => {
        const observed = { snapshotId: s.snapshotId, region: s.region, volumeId: s.volumeId, encrypted: s.encrypted, public: s.public };
        return s.public ? ctx.fail(s.arn, 'public', observed) : ctx.pass(s.arn, 'private', observed);
      },
    );
  },
});
