import type { DescribeSnapshotsCommandOutput, DescribeVolumesCommandOutput, Snapshot } from '@aws-sdk/client-ec2';
import type { CallRecorder, FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { EC2_PAGE, ec2Pages } from './ec2-pages.js';
import type { EbsSnapshot } from './ec2-types.js';
import type { AwsFacts } from './types.js';
import { sdk } from './sdk.js';

const { DescribeSnapshotsCommand, DescribeVolumesCommand, GetEbsEncryptionByDefaultCommand } = sdk('@aws-sdk/client-ec2');
type DescribeSnapshotsCommand = InstanceType<typeof DescribeSnapshotsCommand>;

interface EbsFactOptions {
  accountId: string;
  partition: string;
}

/**
 * EBS facts, per region: the default-encryption setting, every volume, and
 * the account's own snapshots with whether each is public — two listings
 * (all owned snapshots, and those restorable by `all`) in place of one
 * DescribeSnapshotAttribute call per snapshot.
 */
export function ebsFacts(scope: FactScope, clients: AwsClients, options: EbsFactOptions): AwsFacts['ebs'] {
  const volumeArn = (region: string, id: string) => `arn:${options.partition}:ec2:${region}:${options.accountId}:volume/${id}`;
  // Snapshot ARNs carry no account (the IAM service authorization reference).
  const snapshotArn = (region: string, id: string) => `arn:${options.partition}:ec2:${region}::snapshot/${id}`;
  const ownedSnapshots = (rec: CallRecorder, region: string, restorableBy?: string[]) =>
    ec2Pages<DescribeSnapshotsCommand, DescribeSnapshotsCommandOutput, Snapshot>(
      rec,
      clients.ec2(region),
      region,
      (NextToken) =>
        new DescribeSnapshotsCommand({
          OwnerIds: ['self'],
          ...(restorableBy ? { RestorableByUserIds: restorableBy } : {}),
          MaxResults: EC2_PAGE,
          NextToken,
        }),
      (page) => page.Snapshots!,
    );
  return {
    encryptionByDefault: (region) =>
      scope.fact(`aws.ebs.encryptionByDefault(${region})`, async (rec) => {
        const ec2 = clients.ec2(region);
        const answer = await send(rec, 'ec2', new GetEbsEncryptionByDefaultCommand({}), (c, o) => ec2.send(c, o), region);
        return { region, enabled: answer.EbsEncryptionByDefault!, sseType: answer.SseType ?? null };
      }),
    volumes: (region) =>
      scope.fact(`aws.ebs.volumes(${region})`, async (rec) => {
        const volumes = await ec2Pages(
          rec,
          clients.ec2(region),
          region,
          (NextToken) => new DescribeVolumesCommand({ MaxResults: EC2_PAGE, NextToken }),
          (page: DescribeVolumesCommandOutput) => page.Volumes!,
        );
        return volumes.map((v) => ({
          volumeId: v.VolumeId!,
          arn: v.VolumeArn ?? volumeArn(region, v.VolumeId!),
          region,
          availabilityZone: v.AvailabilityZone ?? null,
          state: v.State!,
          encrypted: v.Encrypted!,
          kmsKeyId: v.KmsKeyId ?? null,
          sizeGiB: v.Size ?? null,
          volumeType: v.VolumeType ?? null,
          createTime: v.CreateTime?.toISOString() ?? null,
          snapshotId: v.SnapshotId || null,
          attachments: (v.Attachments ?? []).map((a) => ({
            instanceId: a.InstanceId ?? null,
            device: a.Device ?? null,
            state: a.State ?? null,
            deleteOnTermination: a.DeleteOnTermination ?? null,
          })),
        }));
      }),
    snapshots: (region) =>
      scope.fact(`aws.ebs.snapshots(${region})`, async (rec) => {
        const owned = await ownedSnapshots(rec, region);
        const open = new Set((await ownedSnapshots(rec, region, ['all'])).map((s) => s.SnapshotId!));
        return owned.map((s): EbsSnapshot => ({
          snapshotId: s.SnapshotId!,
          arn: snapshotArn(region, s.SnapshotId!),
          region,
          volumeId: s.VolumeId ?? null,
          state: s.State ?? null,
          encrypted: s.Encrypted!,
          kmsKeyId: s.KmsKeyId ?? null,
          startTime: s.StartTime?.toISOString() ?? null,
          public: open.has(s.SnapshotId!),
        }));
      }),
  };
}
