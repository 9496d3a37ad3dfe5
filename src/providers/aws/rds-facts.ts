import { FactError } from '../../core/facts.js';
import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { allPages } from './paging.js';
import { sdk } from './sdk.js';

const {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
} = sdk('@aws-sdk/client-rds');

/** One DB instance (DescribeDBInstances); Aurora and Multi-AZ DB cluster members name their cluster. */
export interface RdsInstance {
  id: string;
  arn: string;
  engine: string;
  status: string | null;
  /** DBClusterIdentifier: the instance is a member of that cluster, whose storage and backups it shares. */
  clusterId: string | null;
  storageEncrypted: boolean;
  publiclyAccessible: boolean;
  /** Days of automated backups; 0 means automated backups are off. */
  backupRetentionPeriod: number;
}

/** One DB cluster (DescribeDBClusters): Aurora, or a Multi-AZ DB cluster. */
export interface RdsCluster {
  id: string;
  arn: string;
  engine: string;
  status: string | null;
  storageEncrypted: boolean;
  /** Only Multi-AZ DB clusters carry it; Aurora sets public access per instance (`null`). */
  publiclyAccessible: boolean | null;
  backupRetentionPeriod: number;
  members: string[];
}

/** A manual snapshot: only those can be shared or made public (automated ones cannot). */
export interface RdsSnapshot {
  kind: 'instance' | 'cluster';
  id: string;
  arn: string;
  /** The DB instance or cluster it was taken of. */
  sourceId: string | null;
  encrypted: boolean;
}

export interface RdsFacts {
  instances(region: string): Promise<RdsInstance[]>;
  clusters(region: string): Promise<RdsCluster[]>;
  /** Manual DB snapshots and manual DB cluster snapshots of the account. */
  manualSnapshots(region: string): Promise<RdsSnapshot[]>;
  /** The `restore` attribute: account ids that may restore the snapshot, `all` when everyone may. */
  restorers(region: string, snapshot: RdsSnapshot): Promise<string[]>;
}

/** RDS's largest page (MaxRecords 20–100). */
const MAX_RECORDS = 100;

/**
 * RDS facts per region: one paginated list each of instances, clusters and
 * manual snapshots; who may restore a snapshot is not in any list answer, so
 * it takes one attribute read per manual snapshot.
 */
export function rdsFacts(scope: FactScope, clients: AwsClients): RdsFacts {
  return {
    instances: (region) =>
      scope.fact(`aws.rds.instances(${region})`, async (rec) => {
        const rds = clients.rds(region);
        const pages = await allPages(
          'rds:DescribeDBInstances',
          (Marker) =>
            send(rec, 'rds', new DescribeDBInstancesCommand({ MaxRecords: MAX_RECORDS, Marker }), (c, o) => rds.send(c, o), region),
          (p) => p.Marker,
        );
        return pages.flatMap((p) =>
          p.DBInstances!.map((d) => ({
            id: d.DBInstanceIdentifier!,
            arn: d.DBInstanceArn!,
            engine: d.Engine ?? '',
            status: d.DBInstanceStatus ?? null,
            clusterId: d.DBClusterIdentifier ?? null,
            storageEncrypted: d.StorageEncrypted!,
            publiclyAccessible: d.PubliclyAccessible!,
            backupRetentionPeriod: d.BackupRetentionPeriod!,
          })),
        );
      }),
    clusters: (region) =>
      scope.fact(`aws.rds.clusters(${region})`, async (rec) => {
        const rds = clients.rds(region);
        const pages = await allPages(
          'rds:DescribeDBClusters',
          (Marker) =>
            send(rec, 'rds', new DescribeDBClustersCommand({ MaxRecords: MAX_RECORDS, Marker }), (c, o) => rds.send(c, o), region),
          (p) => p.Marker,
        );
        return pages.flatMap((p) =>
          p.DBClusters!.map((c) => ({
            id: c.DBClusterIdentifier!,
            arn: c.DBClusterArn!,
            engine: c.Engine ?? '',
            status: c.Status ?? null,
            storageEncrypted: c.StorageEncrypted!,
            publiclyAccessible: c.PubliclyAccessible ?? null,
            backupRetentionPeriod: c.BackupRetentionPeriod!,
            members: c.DBClusterMembers!.map((m) => m.DBInstanceIdentifier ?? ''),
          })),
        );
      }),
    manualSnapshots: (region) =>
      scope.fact(`aws.rds.manualSnapshots(${region})`, async (rec) => {
        const rds = clients.rds(region);
        const instancePages = await allPages(
          'rds:DescribeDBSnapshots',
          (Marker) =>
            send(
              rec,
              'rds',
              new DescribeDBSnapshotsCommand({ SnapshotType: 'manual', MaxRecords: MAX_RECORDS, Marker }),
              (c, o) => rds.send(c, o),
              region,
            ),
          (p) => p.Marker,
        );
        const clusterPages = await allPages(
          'rds:DescribeDBClusterSnapshots',
          (Marker) =>
            send(
              rec,
              'rds',
              new DescribeDBClusterSnapshotsCommand({ SnapshotType: 'manual', MaxRecords: MAX_RECORDS, Marker }),
              (c, o) => rds.send(c, o),
              region,
            ),
          (p) => p.Marker,
        );
        return [
          ...instancePages.flatMap((p) =>
            p.DBSnapshots!.map((s) => ({
              kind: 'instance' as const,
              id: s.DBSnapshotIdentifier!,
              arn: s.DBSnapshotArn!,
              sourceId: s.DBInstanceIdentifier ?? null,
              encrypted: s.Encrypted!,
            })),
          ),
          ...clusterPages.flatMap((p) =>
            p.DBClusterSnapshots!.map((s) => ({
              kind: 'cluster' as const,
              id: s.DBClusterSnapshotIdentifier!,
              arn: s.DBClusterSnapshotArn!,
              sourceId: s.DBClusterIdentifier ?? null,
              encrypted: s.StorageEncrypted!,
            })),
          ),
        ];
      }),
    restorers: (region, snapshot) =>
      scope.fact(`aws.rds.restorers(${region},${snapshot.kind},${snapshot.id})`, async (rec) => {
        const rds = clients.rds(region);
        const attributes =
          snapshot.kind === 'instance'
            ? (
                await send(
                  rec,
                  'rds',
                  new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: snapshot.id }),
                  (c, o) => rds.send(c, o),
                  snapshot.arn,
                )
              ).DBSnapshotAttributesResult!.DBSnapshotAttributes!
            : (
                await send(
                  rec,
                  'rds',
                  new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: snapshot.id }),
                  (c, o) => rds.send(c, o),
                  snapshot.arn,
                )
              ).DBClusterSnapshotAttributesResult!.DBClusterSnapshotAttributes!;
        // RDS answers every manual snapshot with its `restore` attribute; without it, who may restore is unknown, not nobody.
        const restore = attributes.find((a) => a.AttributeName === 'restore');
        if (!restore?.AttributeValues)
          throw new FactError({ kind: 'malformed', message: `the snapshot attributes of ${snapshot.id} have no restore attribute` });
        return restore.AttributeValues;
      }),
  };
}
