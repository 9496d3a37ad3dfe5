import { defineCheck } from '../../src/core/check.js';
import type { CheckContext } from '../../src/core/check.js';
import { daysSince } from '../../src/judging/aws/judge.js';
import { rdsDatabases } from '../../src/judging/aws/rds.js';
import { eachRegion, orNone, regionalArn } from '../../src/judging/aws/regional.js';

/** A resource that must be backed up; `retentionDays` for those with automated backups of their own (RDS). */
interface Protectable {
  kind: string;
  id: string;
  arn: string;
  retentionDays?: number;
}

/** The kinds of resource judged, each listed per region by its own service (a denied listing errors that kind alone). */
const KINDS: { kind: string; service: string; pattern: string; list(ctx: CheckContext<'aws'>, region: string): Promise<Protectable[]> }[] =
  [
    {
      kind: 'RDS',
      service: 'rds',
      pattern: 'db:*',
      async list(ctx, region) {
        const { instances, clusters } = await rdsDatabases(ctx, region);
        return [
          ...clusters.map((c) => ({ kind: 'DB cluster', id: c.id, arn: c.arn, retentionDays: c.backupRetentionPeriod })),
          // Cluster members are backed up with their cluster.
          ...instances
            .filter((i) => !i.clusterId)
            .map((i) => ({ kind: 'DB instance', id: i.id, arn: i.arn, retentionDays: i.backupRetentionPeriod })),
        ];
      },
    },
    {
      kind: 'DynamoDB',
      service: 'dynamodb',
      pattern: 'table/*',
      async list(ctx, region) {
        return (await ctx.aws.dynamodb.tables(region)).map((t) => ({ kind: 'DynamoDB table', id: t.name, arn: t.arn }));
      },
    },
    {
      kind: 'EBS',
      service: 'ec2',
      pattern: 'volume/*',
      async list(ctx, region) {
        return (await ctx.aws.ebs.volumes(region)).map((v) => ({ kind: 'EBS volume', id: v.volumeId, arn: v.arn }));
      },
    },
  ];

export default defineCheck({
  meta: {
    id: 'aws.backup.coverage',
    title: 'Data stores are backed up',
    provider: 'aws',
    severity: 'high',
    description:
      'Every RDS DB instance or DB cluster, every DynamoDB table and every EBS volume (DescribeVolumes), in every scanned region, is backed up: either AWS Backup protects it ' +
      '(ListProtectedResources lists its ARN with a LastBackupTime at most `maxBackupAgeDays` days ago), or, for RDS, automated backups ' +
      "are kept at least `minRetentionDays` days (BackupRetentionPeriod; 0 means automated backups are off). A cluster's member instances " +
      'are backed up with the cluster and not judged on their own. A resource AWS Backup does not list (including every resource of a region ' +
      'where AWS Backup protects nothing: an empty list is a fact, not an error) fails, as does one whose last backup is older than the limit ' +
      'or not reported. No such resource in any scanned region is not applicable.',
    remediation:
      'Assign the resource to an AWS Backup plan (by tag or resource ARN), or for RDS set the backup retention period to at least the required days.',
    messages: {
      backedUp: '{kind} {id} is backed up by AWS Backup (last backup {lastBackupDays} days ago)',
      automatedBackups: '{kind} {id} keeps automated backups for {retentionDays} days',
      backupTooOld: '{kind} {id} was last backed up by AWS Backup {lastBackupDays} days ago, more than {maxBackupAgeDays}',
      notProtected: '{kind} {id} is not protected by AWS Backup{retentionNote}',
      noResources: 'No RDS databases, DynamoDB tables or EBS volumes in the scanned regions',
    },
    settings: {
      maxBackupAgeDays: { type: 'integer', default: 7, description: 'Oldest acceptable last AWS Backup recovery point, in days.' },
      minRetentionDays: {
        type: 'integer',
        default: 7,
        description: 'Fewest days of RDS automated backups accepted instead of AWS Backup.',
      },
    },
  },
  async run(ctx) {
    const { maxBackupAgeDays, minRetentionDays } = ctx.settings;
    const results = await eachRegion(
      ctx,
      (region) => regionalArn(ctx, 'backup', region, 'protected-resource/*'),
      async (region) =>
        ctx.each(
          KINDS,
          (k) => regionalArn(ctx, k.service, region, k.pattern),
          async (k) =>
            ctx.each(
              await k.list(ctx, region),
              (r) => r.arn,
              async (r) => {
                const o = { kind: r.kind, id: r.id, region, maxBackupAgeDays, minRetentionDays, retentionDays: r.retentionDays ?? null };
                if (r.retentionDays !== undefined && r.retentionDays >= minRetentionDays) return ctx.pass(r.arn, 'automatedBackups', o);
                const found = (await ctx.aws.backup.protectedResources(region)).find((p) => p.arn === r.arn);
                const retentionNote = r.retentionDays === undefined ? '' : ` and keeps automated backups ${r.retentionDays} days`;
                if (!found) return ctx.fail(r.arn, 'notProtected', { ...o, retentionNote });
                const lastBackupDays = daysSince(found.lastBackupTime, ctx.now);
                const withBackup = { ...o, lastBackupTime: found.lastBackupTime, lastBackupDays: lastBackupDays ?? 'never' };
                return lastBackupDays !== null && lastBackupDays <= maxBackupAgeDays
                  ? ctx.pass(r.arn, 'backedUp', withBackup)
                  : ctx.fail(r.arn, 'backupTooOld', withBackup);
              },
            ),
        ),
    );
    return orNone(ctx, results, 'noResources');
  },
});
