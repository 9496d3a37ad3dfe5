import { AwsError } from './errors.js';
import { params, queryAnswer, queryError, queryOperation } from './query.js';
import type { AwsRequest, CallContext, ServiceHandler } from './server.js';
import { list, type XmlObject } from './xml.js';
import type { RdsSnapshot } from './data-world.js';

/**
 * RDS (Query protocol, XML answers): DB instances, DB clusters, DB and DB
 * cluster snapshots (manual and automated) and their `restore` attribute.
 * Lists page by `MaxRecords` (20–100) and an opaque `Marker`.
 */
const NS = 'http://rds.amazonaws.com/doc/2014-10-31/';

function page<T>(items: T[], p: URLSearchParams, op: string): { items: T[]; marker?: string } {
  const max = Number(p.get('MaxRecords') ?? 100);
  if (!Number.isInteger(max) || max < 20 || max > 100)
    throw new AwsError('InvalidParameterValue', `Invalid value ${p.get('MaxRecords')} for MaxRecords. Must be between 20 and 100`);
  let start = 0;
  const marker = p.get('Marker');
  if (marker) {
    const m = /^(\w+):(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
    if (!m || m[1] !== op) throw new AwsError('InvalidParameterValue', 'The parameter Marker is not a valid marker.');
    start = Number(m[2]);
  }
  const more = start + max < items.length;
  return { items: items.slice(start, start + max), marker: more ? Buffer.from(`${op}:${start + max}`).toString('base64') : undefined };
}

function snapshots(ctx: CallContext, req: AwsRequest, kind: 'instance' | 'cluster', p: URLSearchParams): RdsSnapshot[] {
  const type = p.get('SnapshotType');
  if (type && !['manual', 'automated', 'shared', 'public', 'awsbackup'].includes(type))
    throw new AwsError('InvalidParameterValue', `Invalid snapshot type: ${type}`);
  return ctx.caller.account.data.rdsSnapshots.filter(
    (s) =>
      s.kind === kind &&
      s.region === req.region &&
      // Shared and public snapshots of other accounts: none in the sandbox.
      (type ? s.type === type : true),
  );
}

function restore(s: RdsSnapshot): XmlObject {
  return { AttributeName: 'restore', AttributeValues: list(s.sharedWith, 'AttributeValue') };
}

export function rdsService(): ServiceHandler {
  return {
    service: 'rds',
    operation: queryOperation,
    renderError: (err, req) => queryError(NS, err, req),
    handle(op, req, ctx) {
      const p = params(req);
      const data = ctx.caller.account.data;
      const answer = (result: XmlObject) => queryAnswer(NS, op, req, result);
      switch (op) {
        case 'DescribeDBInstances': {
          ctx.authorize('rds:DescribeDBInstances');
          const pg = page(
            data.rdsInstances.filter((i) => i.region === req.region),
            p,
            op,
          );
          return answer({
            Marker: pg.marker,
            DBInstances: list(
              pg.items.map((i) => ({
                DBInstanceIdentifier: i.id,
                DBInstanceClass: 'db.t4g.medium',
                Engine: i.engine,
                DBInstanceStatus: 'available',
                Endpoint: { Address: `${i.id}.c9akciq32.${i.region}.rds.amazonaws.com`, Port: i.engine.includes('mysql') ? 3306 : 5432 },
                InstanceCreateTime: i.created,
                BackupRetentionPeriod: i.backupRetentionDays,
                AvailabilityZone: `${i.region}a`,
                MultiAZ: false,
                PubliclyAccessible: i.public,
                StorageEncrypted: i.encrypted,
                KmsKeyId: i.encrypted ? `arn:aws:kms:${i.region}:${ctx.caller.account.id}:key/aws-rds` : undefined,
                DbiResourceId: i.resourceId,
                DBClusterIdentifier: i.cluster,
                DBInstanceArn: i.arn,
              })),
              'DBInstance',
            ),
          });
        }
        case 'DescribeDBClusters': {
          ctx.authorize('rds:DescribeDBClusters');
          const pg = page(
            data.rdsClusters.filter((c) => c.region === req.region),
            p,
            op,
          );
          return answer({
            Marker: pg.marker,
            DBClusters: list(
              pg.items.map((c) => ({
                BackupRetentionPeriod: c.backupRetentionDays,
                DBClusterIdentifier: c.id,
                Status: 'available',
                Engine: c.engine,
                EngineMode: c.aurora ? 'provisioned' : undefined,
                DBClusterMembers: list(
                  c.members.map((m, i) => ({ DBInstanceIdentifier: m, IsClusterWriter: i === 0 })),
                  'DBClusterMember',
                ),
                StorageEncrypted: c.encrypted,
                DBClusterArn: c.arn,
                ClusterCreateTime: c.created,
                MultiAZ: c.members.length > 1,
                // Aurora sets public access per instance; only Multi-AZ DB clusters answer it.
                PubliclyAccessible: c.aurora ? undefined : c.public,
              })),
              'DBCluster',
            ),
          });
        }
        case 'DescribeDBSnapshots': {
          ctx.authorize('rds:DescribeDBSnapshots');
          const pg = page(snapshots(ctx, req, 'instance', p), p, op);
          return answer({
            DBSnapshots: list(
              pg.items.map((s) => ({
                DBSnapshotIdentifier: s.id,
                DBInstanceIdentifier: s.source,
                SnapshotCreateTime: s.created,
                Engine: s.engine,
                Status: 'available',
                SnapshotType: s.type,
                Encrypted: s.encrypted,
                DBSnapshotArn: s.arn,
              })),
              'DBSnapshot',
            ),
            Marker: pg.marker,
          });
        }
        case 'DescribeDBClusterSnapshots': {
          ctx.authorize('rds:DescribeDBClusterSnapshots');
          const pg = page(snapshots(ctx, req, 'cluster', p), p, op);
          return answer({
            DBClusterSnapshots: list(
              pg.items.map((s) => ({
                DBClusterSnapshotIdentifier: s.id,
                DBClusterIdentifier: s.source,
                SnapshotCreateTime: s.created,
                Engine: s.engine,
                Status: 'available',
                SnapshotType: s.type,
                StorageEncrypted: s.encrypted,
                DBClusterSnapshotArn: s.arn,
              })),
              'DBClusterSnapshot',
            ),
            Marker: pg.marker,
          });
        }
        case 'DescribeDBSnapshotAttributes':
        case 'DescribeDBClusterSnapshotAttributes': {
          const cluster = op === 'DescribeDBClusterSnapshotAttributes';
          const id = p.get(cluster ? 'DBClusterSnapshotIdentifier' : 'DBSnapshotIdentifier') ?? '';
          const s = data.rdsSnapshots.find((x) => x.kind === (cluster ? 'cluster' : 'instance') && x.region === req.region && x.id === id);
          ctx.authorize(`rds:${op}`, s?.arn ?? '*');
          if (!s)
            throw new AwsError(
              cluster ? 'DBClusterSnapshotNotFoundFault' : 'DBSnapshotNotFound',
              `${cluster ? 'DBClusterSnapshot' : 'DBSnapshot'} ${id} not found.`,
              404,
            );
          return answer(
            cluster
              ? {
                  DBClusterSnapshotAttributesResult: {
                    DBClusterSnapshotIdentifier: s.id,
                    DBClusterSnapshotAttributes: list([restore(s)], 'DBClusterSnapshotAttribute'),
                  },
                }
              : {
                  DBSnapshotAttributesResult: {
                    DBSnapshotIdentifier: s.id,
                    DBSnapshotAttributes: list([restore(s)], 'DBSnapshotAttribute'),
                  },
                },
          );
        }
        default:
          throw new AwsError('InvalidAction', `The action ${op} is not valid for this web service.`);
      }
    },
  };
}
