import { AccessAnalyzerClient, ListFindingsCommand as ListAnalyzerFindingsCommand } from '@aws-sdk/client-accessanalyzer';
import { BackupClient, ListProtectedResourcesCommand } from '@aws-sdk/client-backup';
import { DescribeContinuousBackupsCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { BatchGetAccountStatusCommand, Inspector2Client, ListFindingsCommand } from '@aws-sdk/client-inspector2';
import {
  DescribeDBInstancesCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario.js';
import { startAwsSandbox, type AwsSandbox, type AwsScenario } from './index.js';
import { FAKE_CREDENTIALS, rejection } from '../../../test/support/aws/sandbox.js';

/** The answers checks do not read through a happy path: errors, validation, automated snapshots. */
const acme = loadScenario('acme').aws as AwsScenario;

describe('aws sandbox: RDS, DynamoDB, SSM, Backup, Inspector2 and Access Analyzer over the real SDK', () => {
  let sandbox: AwsSandbox;
  const common = (region: string) => ({ region, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
  beforeAll(async () => {
    sandbox = await startAwsSandbox(acme);
  });
  afterAll(() => sandbox.stop());

  it('RDS: automated snapshots are listed unless SnapshotType says manual; unknown snapshots and page sizes are refused', async () => {
    const rds = new RDSClient({ ...common('us-east-1'), endpoint: sandbox.endpoints.rds });
    const all = (await rds.send(new DescribeDBSnapshotsCommand({}))).DBSnapshots!;
    expect(all.map((s) => s.SnapshotType).sort()).toEqual(['automated', 'manual']);
    const manual = (await rds.send(new DescribeDBSnapshotsCommand({ SnapshotType: 'manual' }))).DBSnapshots!;
    expect(manual.map((s) => s.DBSnapshotIdentifier)).toEqual(['acme-prod-db-pre-upgrade']);
    const attrs = await rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: 'acme-prod-db-pre-upgrade' }));
    expect(attrs.DBSnapshotAttributesResult?.DBSnapshotAttributes).toEqual([
      { AttributeName: 'restore', AttributeValues: ['529184730612'] },
    ]);
    const missing = await rejection(rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: 'nope' })));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['DBSnapshotNotFoundFault', 404]);
    const small = await rejection(rds.send(new DescribeDBInstancesCommand({ MaxRecords: 10 })));
    expect(small.name).toBe('InvalidParameterValue');
    const members = (await rds.send(new DescribeDBInstancesCommand({}))).DBInstances!.filter((i) => i.DBClusterIdentifier);
    expect(members.map((i) => [i.DBInstanceIdentifier, i.PubliclyAccessible])).toEqual([
      ['acme-ledger-1', false],
      ['acme-ledger-2', true],
    ]);
  });

  it('DynamoDB: an unknown table is TableNotFoundException; Limit is bounded', async () => {
    const ddb = new DynamoDBClient({ ...common('us-east-1'), endpoint: sandbox.endpoints.dynamodb });
    const page = await ddb.send(new ListTablesCommand({ Limit: 1 }));
    expect([page.TableNames, page.LastEvaluatedTableName]).toEqual([['acme-orders'], 'acme-orders']);
    const rest = await ddb.send(new ListTablesCommand({ ExclusiveStartTableName: 'acme-orders' }));
    expect([rest.TableNames, rest.LastEvaluatedTableName]).toEqual([['acme-sessions'], undefined]);
    expect((await rejection(ddb.send(new DescribeContinuousBackupsCommand({ TableName: 'nope' })))).name).toBe('TableNotFoundException');
    expect((await rejection(ddb.send(new ListTablesCommand({ Limit: 101 })))).name).toBe('ValidationException');
  });

  it('Inspector: a region it is off in answers DISABLED and refuses ListFindings', async () => {
    const off = new Inspector2Client({ ...common('eu-west-1'), endpoint: sandbox.endpoints.inspector2 });
    // The sandbox account (third) has no Inspector; the caller here is acme-prod, on in both regions.
    const status = await off.send(new BatchGetAccountStatusCommand({ accountIds: ['418295730612', '111111111111'] }));
    expect(status.accounts?.[0]?.state?.status).toBe('ENABLED');
    expect(status.failedAccounts?.map((f) => f.accountId)).toEqual(['111111111111']);
    const nowhere = new Inspector2Client({ ...common('ap-south-1'), endpoint: sandbox.endpoints.inspector2 });
    expect((await nowhere.send(new BatchGetAccountStatusCommand({}))).accounts?.[0]?.resourceState?.ecr?.status).toBe('DISABLED');
    const refused = await rejection(nowhere.send(new ListFindingsCommand({})));
    expect([refused.name, refused.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 403]);
  });

  it('Backup, SSM and Access Analyzer refuse foreign tokens, out-of-range pages and unknown analyzers', async () => {
    const backup = new BackupClient({ ...common('us-east-1'), endpoint: sandbox.endpoints.backup });
    expect((await backup.send(new ListProtectedResourcesCommand({}))).Results?.map((r) => r.ResourceName).sort()).toEqual([
      'acme-ledger',
      'acme-orders',
    ]);
    expect((await rejection(backup.send(new ListProtectedResourcesCommand({ NextToken: 'bm9wZTox' })))).name).toBe('ValidationException');
    const ssm = new SSMClient({ ...common('us-east-1'), endpoint: sandbox.endpoints.ssm });
    expect((await rejection(ssm.send(new DescribeInstanceInformationCommand({ MaxResults: 51 })))).name).toBe('ValidationException');
    const aa = new AccessAnalyzerClient({ ...common('us-east-1'), endpoint: sandbox.endpoints.accessanalyzer });
    const unknown = await rejection(
      aa.send(new ListAnalyzerFindingsCommand({ analyzerArn: 'arn:aws:access-analyzer:us-east-1:418295730612:analyzer/x' })),
    );
    expect([unknown.name, unknown.$metadata.httpStatusCode]).toEqual(['ResourceNotFoundException', 404]);
  });
});
