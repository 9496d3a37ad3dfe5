import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { allPages } from './paging.js';
import { sdk } from './sdk.js';

const { DescribeContinuousBackupsCommand, ListTablesCommand } = sdk('@aws-sdk/client-dynamodb');

export interface DynamoTable {
  name: string;
  arn: string;
}

/** DescribeContinuousBackups: PITR is `ENABLED` or `DISABLED`; the recovery window only when it is on. */
export interface ContinuousBackups {
  continuousBackupsStatus: string;
  pointInTimeRecoveryStatus: string | null;
  recoveryPeriodInDays: number | null;
  earliestRestorableDateTime: string | null;
}

export interface DynamoDbFacts {
  tables(region: string): Promise<DynamoTable[]>;
  continuousBackups(region: string, table: string): Promise<ContinuousBackups>;
}

/**
 * DynamoDB facts per region. ListTables names tables only, and no list call
 * carries a table's point-in-time recovery: that takes one
 * DescribeContinuousBackups per table.
 */
export function dynamoDbFacts(scope: FactScope, clients: AwsClients, o: { accountId: string; partition: string }): DynamoDbFacts {
  return {
    tables: (region) =>
      scope.fact(`aws.dynamodb.tables(${region})`, async (rec) => {
        const ddb = clients.dynamodb(region);
        const pages = await allPages(
          'dynamodb:ListTables',
          (ExclusiveStartTableName) =>
            send(rec, 'dynamodb', new ListTablesCommand({ Limit: 100, ExclusiveStartTableName }), (c, opt) => ddb.send(c, opt), region),
          (p) => p.LastEvaluatedTableName,
        );
        return pages.flatMap((p) =>
          p.TableNames!.map((name) => ({ name, arn: `arn:${o.partition}:dynamodb:${region}:${o.accountId}:table/${name}` })),
        );
      }),
    continuousBackups: (region, table) =>
      scope.fact(`aws.dynamodb.continuousBackups(${region},${table})`, async (rec) => {
        const ddb = clients.dynamodb(region);
        const answer = await send(
          rec,
          'dynamodb',
          new DescribeContinuousBackupsCommand({ TableName: table }),
          (c, opt) => ddb.send(c, opt),
          table,
        );
        const d = answer.ContinuousBackupsDescription!;
        const pitr = d.PointInTimeRecoveryDescription;
        return {
          continuousBackupsStatus: d.ContinuousBackupsStatus!,
          pointInTimeRecoveryStatus: pitr?.PointInTimeRecoveryStatus ?? null,
          recoveryPeriodInDays: pitr?.RecoveryPeriodInDays ?? null,
          earliestRestorableDateTime: pitr?.EarliestRestorableDateTime?.toISOString() ?? null,
        };
      }),
  };
}
