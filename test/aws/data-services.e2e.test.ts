import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/sandbox/scenario.js';
import { scanSandbox, type SandboxScan } from './harness.js';

/**
 * RDS, DynamoDB, Backup, Inspector, SSM and Access Analyzer through the real
 * SDK clients against the emulator: paging past one page, EBS volumes and
 * unmanaged instances, denials naming their action, and the calls each
 * account-region costs.
 */
const ACCOUNT = '111122223333';
const DATA_CHECKS = [
  'aws.rds.storage-encryption',
  'aws.rds.public-access',
  'aws.rds.snapshot-public',
  'aws.dynamodb.point-in-time-recovery',
  'aws.backup.coverage',
  'aws.inspector.enabled',
  'aws.ssm.patch-compliance',
  'aws.accessanalyzer.external-access',
];
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function estate(extra: Record<string, unknown> = {}) {
  return {
    accounts: [
      {
        id: ACCOUNT,
        regions: ['eu-west-1'],
        rds: {
          // 130 instances: two pages of DescribeDBInstances (MaxRecords 100).
          instances: range(130).map((i) => ({ id: `db-${i}`, region: 'eu-west-1', encrypted: i !== 7 })),
        },
        // 230 tables: three pages of ListTables (Limit 100).
        dynamodbTables: range(230).map((i) => ({
          name: `table-${String(i).padStart(3, '0')}`,
          region: 'eu-west-1',
          pointInTimeRecovery: i % 2 === 0,
        })),
        vpcs: [{ id: 'vpc-0000000000000000a', region: 'eu-west-1' }],
        instances: [
          { id: 'i-0000000000000000a', region: 'eu-west-1' },
          { id: 'i-0000000000000000b', region: 'eu-west-1' },
          { id: 'i-0000000000000000c', region: 'eu-west-1', state: 'terminated' },
        ],
        volumes: [
          { id: 'vol-0000000000000000a', region: 'eu-west-1', attachedTo: 'i-0000000000000000a' },
          { id: 'vol-0000000000000000b', region: 'eu-west-1', attachedTo: 'i-0000000000000000b' },
        ],
        backupProtected: [{ resourceArn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-0000000000000000a`, lastBackup: { days: 1 } }],
        managedNodes: [{ id: 'i-0000000000000000a', region: 'eu-west-1', patch: 'COMPLIANT' }],
        ...extra,
      },
    ],
  };
}

describe('data services through the real AWS SDK', () => {
  let scan: SandboxScan;
  beforeAll(async () => {
    scan = await scanSandbox(estate(), { only: DATA_CHECKS });
  }, 60_000);
  afterAll(() => scan?.handle.stop());

  it('follows every page: each RDS instance and DynamoDB table is judged once', () => {
    const encryption = [...scan.of('aws.rds.storage-encryption').values()];
    expect(encryption).toHaveLength(130);
    expect(encryption.filter((r) => r.status === 'fail').map((r) => r.resource)).toEqual([`arn:aws:rds:eu-west-1:${ACCOUNT}:db:db-7`]);
    const pitr = [...scan.of('aws.dynamodb.point-in-time-recovery').values()];
    expect(pitr).toHaveLength(230);
    expect(pitr.filter((r) => r.status === 'pass')).toHaveLength(115);
    const stats = scan.handle.stats!() as { byOperation: Record<string, number> };
    expect(stats.byOperation['rds:DescribeDBInstances']).toBe(2);
    expect(stats.byOperation['dynamodb:ListTables']).toBe(3);
    // PITR is in no list answer: one read per table, and no other per-resource call.
    expect(stats.byOperation['dynamodb:DescribeContinuousBackups']).toBe(230);
    expect(stats.byOperation['backup:ListProtectedResources']).toBe(1);
  });

  it('judges EBS volumes by AWS Backup and lists the instances SSM does not manage', () => {
    const backup = scan.of('aws.backup.coverage');
    expect(backup.get(`arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-0000000000000000a`)?.messageId).toBe('backedUp');
    expect(backup.get(`arn:aws:ec2:eu-west-1:${ACCOUNT}:volume/vol-0000000000000000b`)?.messageId).toBe('notProtected');
    const ssm = scan.of('aws.ssm.patch-compliance');
    const instance = (id: string) => `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/${id}`;
    expect(ssm.get(instance('i-0000000000000000a'))?.messageId).toBe('compliant');
    expect(ssm.get(instance('i-0000000000000000b'))?.messageId).toBe('notManaged');
    expect(ssm.has(instance('i-0000000000000000c'))).toBe(false);
  });

  it('gives the documented verdicts where Inspector is off and no analyzer exists', () => {
    expect(scan.of('aws.inspector.enabled').get(`arn:aws:inspector2:eu-west-1:${ACCOUNT}:*`)?.messageId).toBe('notEnabled');
    expect(scan.of('aws.accessanalyzer.external-access').get(`arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/*`)?.messageId).toBe(
      'noAnalyzer',
    );
    expect(scan.results.filter((r) => r.status === 'error')).toEqual([]);
  });
});

describe('denied data-service reads', () => {
  it('are errors naming the IAM action, each on its own resource', async () => {
    const denied = [
      'rds:DescribeDBSnapshots',
      'dynamodb:DescribeContinuousBackups',
      'backup:ListProtectedResources',
      'inspector2:BatchGetAccountStatus',
      'ssm:ListResourceComplianceSummaries',
      'access-analyzer:ListAnalyzers',
    ];
    const s = await scanSandbox(
      estate({
        deny: denied,
        rds: { instances: [{ id: 'short', region: 'eu-west-1', backupRetentionDays: 1 }] },
        dynamodbTables: [{ name: 'orders', region: 'eu-west-1' }],
        inspector: { regions: [{ region: 'eu-west-1' }] },
      }),
      { only: DATA_CHECKS },
    );
    try {
      const errors = s.results.filter((r) => r.status === 'error');
      const permissions = new Set(errors.map((r) => (r.observed?.reason as { permission?: string } | undefined)?.permission));
      expect([...permissions].sort()).toEqual([...denied].sort());
      for (const r of errors) expect(r.message).toMatch(/needs (rds|dynamodb|backup|inspector2|ssm|access-analyzer):/);
      // What the denials do not touch is still judged.
      expect(s.of('aws.rds.storage-encryption').get(`arn:aws:rds:eu-west-1:${ACCOUNT}:db:short`)?.status).toBe('pass');
    } finally {
      await s.handle.stop();
    }
  }, 60_000);
});

describe('acme', () => {
  it('costs a bounded number of calls per account-region', async () => {
    const s = await scanSandbox(loadScenario('acme').aws, { only: DATA_CHECKS });
    try {
      const perRegion = new Map<string, number>();
      for (const fact of s.store.snapshot()) {
        const m = /^aws\.(rds|dynamodb|backup|inspector|ssm|accessanalyzer)\.\w+\(([a-z0-9-]+)/.exec(fact.key);
        if (!m) continue;
        const key = `${fact.target} ${m[2]}`;
        perRegion.set(key, (perRegion.get(key) ?? 0) + fact.calls.length);
      }
      // acme-prod us-east-1: 4 RDS lists + 2 snapshot attribute reads, ListTables + 2 DescribeContinuousBackups,
      // 1 Backup, 2 Inspector, 2 SSM, ListAnalyzers + ListFindings. Backup is read only where there is a
      // resource to judge, Inspector findings only where it is enabled, analyzer findings only per analyzer.
      expect(Object.fromEntries([...perRegion].sort())).toEqual({
        'aws:418295730612 eu-west-1': 13,
        'aws:418295730612 us-east-1': 16,
        'aws:529184730612 eu-west-1': 11,
        'aws:630418295712 eu-west-1': 9,
      });
    } finally {
      await s.handle.stop();
    }
  }, 60_000);
});
