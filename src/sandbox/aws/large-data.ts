import type {
  AnalyzerSpec,
  BackupProtectedSpec,
  DynamoTableSpec,
  InspectorSpec,
  ManagedNodeSpec,
  RdsClusterSpec,
  RdsInstanceSpec,
  RdsSnapshotSpec,
} from './scenario-data.js';
import { instanceId, perRegion, volumeId } from './large-ec2.js';
import { ec2Id, LARGE_ACCOUNT, pad, times, type AccountPart } from './large-sizes.js';

/**
 * The data, backup, vulnerability and access share of the generated
 * account: per region RDS databases and manual snapshots, DynamoDB tables,
 * AWS Backup recovery points for some of them and of the EBS volumes, SSM
 * managed nodes for most instances; Inspector and Access Analyzer in a
 * fixed layout over the regions (well kept, faulty, absent).
 */

export const dataPart: AccountPart = (sizes, regions, pick) => {
  const n = perRegion(sizes);
  const last = regions.length > 1 ? regions.length - 1 : -1;
  const instances: RdsInstanceSpec[] = [];
  const clusters: RdsClusterSpec[] = [];
  const snapshots: RdsSnapshotSpec[] = [];
  const dynamodbTables: DynamoTableSpec[] = [];
  const backupProtected: BackupProtectedSpec[] = [];
  const managedNodes: ManagedNodeSpec[] = [];
  const accessAnalyzers: AnalyzerSpec[] = [];
  regions.forEach((region, r) => {
    const at = (i: number, what: string) => pick(i, `${what}-${region}`);
    instances.push(
      ...times(n.rdsInstances, (i) => ({
        id: `globex-db-${pad(i)}`,
        region,
        engine: i % 2 ? 'mysql' : 'postgres',
        // 1 in 6 unencrypted, 1 in 15 public, 1 in 5 keeps a day of automated backups, 1 in 4 in AWS Backup.
        ...(at(i, 'rds-encryption') % 6 === 0 ? { encrypted: false } : {}),
        ...(at(i, 'rds-public') % 15 === 0 ? { public: true } : {}),
        ...(at(i, 'rds-retention') % 5 === 0 ? { backupRetentionDays: 1 } : {}),
        ...(at(i, 'rds-backup') % 4 === 0 ? { awsBackup: { days: 1 } } : {}),
      })),
    );
    times(n.rdsClusters, (i) => {
      const id = `globex-aurora-${pad(i)}`;
      clusters.push({
        id,
        region,
        ...(at(i, 'cluster-encryption') % 4 === 0 ? { encrypted: false } : {}),
        ...(at(i, 'cluster-retention') % 3 === 0 ? { backupRetentionDays: 1, awsBackup: { days: 2 } } : {}),
      });
      instances.push(...times(2, (m) => ({ id: `${id}-${m}`, region, engine: 'aurora-postgresql', cluster: id })));
    });
    snapshots.push(
      ...times(n.rdsSnapshots, (i) => ({
        id: `globex-manual-${pad(i)}`,
        region,
        ...(n.rdsClusters && i % 5 === 4
          ? { cluster: `globex-aurora-${pad(i % n.rdsClusters)}` }
          : { instance: `globex-db-${pad(i % Math.max(1, n.rdsInstances))}` }),
        // 1 in 20 public, 1 in 7 shared with one other account.
        ...(at(i, 'rds-snapshot-public') % 20 === 0
          ? { sharedWith: ['all'] }
          : at(i, 'rds-snapshot-shared') % 7 === 0
            ? { sharedWith: ['111122223333'] }
            : {}),
        created: { days: 1 + (i % 200) },
      })),
    );
    dynamodbTables.push(
      ...times(n.dynamoTables, (i) => ({
        name: `globex-table-${pad(i)}`,
        region,
        // 1 in 3 without point-in-time recovery; 1 in 4 in AWS Backup, 1 in 4 with a stale recovery point.
        pointInTimeRecovery: at(i, 'pitr') % 3 !== 0,
        ...(at(i, 'table-backup') % 4 === 0
          ? { awsBackup: { days: 1 } }
          : at(i, 'table-backup') % 4 === 1
            ? { awsBackup: { days: 30 } }
            : {}),
      })),
    );
    // 1 in 3 volumes in AWS Backup.
    backupProtected.push(
      ...times(n.volumes, (i) => i)
        .filter((i) => at(i, 'volume-backup') % 3 === 0)
        .map((i) => ({
          resourceArn: `arn:aws:ec2:${region}:${LARGE_ACCOUNT}:volume/${volumeId(r, i)}`,
          resourceType: 'EBS',
          lastBackup: { days: 1 },
        })),
    );
    // 4 in 5 instances are managed nodes: of those 1 in 4 misses patches, 1 in 7 was never scanned; and one hybrid node.
    managedNodes.push(
      ...times(n.instances, (i) => i)
        .filter((i) => at(i, 'ssm') % 5 !== 0)
        .map((i) => {
          const patch = at(i, 'patch');
          return {
            id: instanceId(r, i),
            region,
            ...(patch % 4 === 0
              ? { patch: 'NON_COMPLIANT' as const, missing: 1 + (patch % 5) }
              : patch % 7 === 0
                ? {}
                : { patch: 'COMPLIANT' as const }),
          };
        }),
      { id: ec2Id('mi', r, 0), region, platform: 'Linux', patch: 'COMPLIANT' },
    );
    if (r === 0)
      accessAnalyzers.push({
        name: 'globex-account',
        region,
        findings: [
          { resource: 'arn:aws:s3:::globex-003', resourceType: 'AWS::S3::Bucket', public: true },
          { resource: `arn:aws:iam::${LARGE_ACCOUNT}:role/service-role-000`, resourceType: 'AWS::IAM::Role', principal: '444455556666' },
          { resource: 'arn:aws:s3:::globex-004', resourceType: 'AWS::S3::Bucket', status: 'ARCHIVED', principal: '444455556666' },
        ],
      });
    else if (r === 1) accessAnalyzers.push({ name: 'globex-unused', region, type: 'ACCOUNT_UNUSED_ACCESS' });
    else if (r !== last) accessAnalyzers.push({ name: 'globex-account', region });
  });
  const home = regions[0]!;
  const inspector: InspectorSpec = {
    // On with every scan type in the first region, without Lambda in the second, off elsewhere.
    regions: regions.slice(0, 2).map((region, r) => ({ region, ...(r === 1 ? { lambda: false } : {}) })),
    findings: [
      { region: home, severity: 'CRITICAL', firstObserved: { days: 3 }, title: 'CVE-2024-6387 - openssh' },
      { region: home, severity: 'CRITICAL', firstObserved: { days: 40 }, title: 'CVE-2023-44487 - nghttp2' },
      { region: home, severity: 'CRITICAL', status: 'CLOSED', firstObserved: { days: 90 }, title: 'CVE-2021-44228 - log4j' },
      { region: home, severity: 'HIGH', firstObserved: { days: 50 }, title: 'CVE-2023-4863 - libwebp' },
    ],
  };
  return {
    rds: { instances, clusters, snapshots },
    dynamodbTables,
    backupProtected,
    inspector,
    managedNodes,
    accessAnalyzers,
  };
};
