import { checkTester } from '../../src/testing/check-tester.js';
import { dataFacts, rdsCluster, rdsInstance, tableArn, volume } from '../../test/support/aws/data-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.backup.coverage.js';

const now = new Date('2026-06-10T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
const protectedAt = (arn: string, d: number | null) => ({ arn, type: null, lastBackupTime: d === null ? null : daysAgo(d) });

checkTester(check, { target: TARGET, now }).run({
  'an EBS volume backed up recently passes': {
    facts: dataFacts({
      'eu-west-1': {
        instances: [],
        clusters: [],
        tables: [],
        volumes: [volume('vol-1')],
        protectedResources: [protectedAt(volume('vol-1').arn, 0)],
      },
    }),
    results: [{ resource: volume('vol-1').arn, status: 'pass', messageId: 'backedUp', observed: { kind: 'EBS volume', id: 'vol-1' } }],
  },
  'AWS Backup with a recent recovery point passes, an old one fails, an unlisted table fails': {
    facts: dataFacts({
      'eu-west-1': {
        instances: [],
        clusters: [],
        tables: ['orders', 'audit', 'scratch'],
        protectedResources: [protectedAt(tableArn('orders'), 1), protectedAt(tableArn('audit'), 30)],
        volumes: [],
      },
    }),
    results: [
      { resource: tableArn('orders'), status: 'pass', messageId: 'backedUp', observed: { lastBackupDays: 1 } },
      { resource: tableArn('audit'), status: 'fail', messageId: 'backupTooOld', observed: { lastBackupDays: 30, maxBackupAgeDays: 7 } },
      { resource: tableArn('scratch'), status: 'fail', messageId: 'notProtected', observed: { retentionNote: '' } },
    ],
  },
  'RDS passes on automated backup retention, or on AWS Backup when retention is short; members go with their cluster': {
    facts: dataFacts({
      'eu-west-1': {
        instances: [
          rdsInstance('kept', { backupRetentionPeriod: 14 }),
          rdsInstance('backed', { backupRetentionPeriod: 1 }),
          rdsInstance('bare', { backupRetentionPeriod: 0 }),
          rdsInstance('ledger-1', { clusterId: 'ledger', backupRetentionPeriod: 1 }),
        ],
        clusters: [rdsCluster('ledger', { backupRetentionPeriod: 1 })],
        tables: [],
        protectedResources: [protectedAt(rdsInstance('backed').arn, 0)],
        volumes: [],
      },
    }),
    results: [
      { resource: rdsCluster('ledger').arn, status: 'fail', messageId: 'notProtected', message: 'keeps automated backups 1 days' },
      { resource: rdsInstance('kept').arn, status: 'pass', messageId: 'automatedBackups', observed: { retentionDays: 14 } },
      { resource: rdsInstance('backed').arn, status: 'pass', messageId: 'backedUp', observed: { lastBackupDays: 0 } },
      { resource: rdsInstance('bare').arn, status: 'fail', messageId: 'notProtected', observed: { retentionDays: 0 } },
    ],
  },
  'the settings move both bars; a listed resource without a last backup time fails': {
    facts: dataFacts({
      'eu-west-1': {
        instances: [rdsInstance('kept', { backupRetentionPeriod: 14 })],
        clusters: [],
        tables: ['odd', 'weekly'],
        protectedResources: [protectedAt(tableArn('odd'), null), protectedAt(tableArn('weekly'), 6)],
        volumes: [],
      },
    }),
    settings: { minRetentionDays: 30, maxBackupAgeDays: 2 },
    results: [
      { resource: rdsInstance('kept').arn, status: 'fail', messageId: 'notProtected', observed: { minRetentionDays: 30 } },
      { resource: tableArn('odd'), status: 'fail', messageId: 'backupTooOld', observed: { lastBackupDays: 'never' } },
      { resource: tableArn('weekly'), status: 'fail', messageId: 'backupTooOld', observed: { maxBackupAgeDays: 2 } },
    ],
  },
  'a region where AWS Backup protects nothing fails every resource there': {
    facts: dataFacts({
      'us-east-1': { instances: [], clusters: [], tables: ['t'], protectedResources: [], volumes: [volume('vol-1', 'us-east-1')] },
    }),
    results: [
      { resource: tableArn('t', 'us-east-1'), status: 'fail', messageId: 'notProtected' },
      { resource: volume('vol-1', 'us-east-1').arn, status: 'fail', messageId: 'notProtected', observed: { kind: 'EBS volume' } },
    ],
  },
  'no database or table anywhere is not applicable': {
    facts: dataFacts({ 'eu-west-1': { instances: [], clusters: [], tables: [], volumes: [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noResources' }],
  },
  'a denied Backup listing errors what needs it; a denied table listing errors that kind in that region': {
    facts: dataFacts({
      'eu-west-1': {
        instances: [rdsInstance('kept', { backupRetentionPeriod: 7 }), rdsInstance('short', { backupRetentionPeriod: 1 })],
        clusters: [],
        tables: denied('dynamodb:ListTables'),
        protectedResources: denied('backup:ListProtectedResources'),
        volumes: denied('ec2:DescribeVolumes'),
      },
    }),
    results: [
      { resource: rdsInstance('kept').arn, status: 'pass', messageId: 'automatedBackups' },
      { resource: rdsInstance('short').arn, status: 'error', messageId: 'notCollected', message: 'backup:ListProtectedResources' },
      {
        resource: 'arn:aws:dynamodb:eu-west-1:123456789012:table/*',
        status: 'error',
        messageId: 'notCollected',
        message: 'dynamodb:ListTables',
      },
      {
        resource: 'arn:aws:ec2:eu-west-1:123456789012:volume/*',
        status: 'error',
        messageId: 'notCollected',
        message: 'ec2:DescribeVolumes',
      },
    ],
  },
});
