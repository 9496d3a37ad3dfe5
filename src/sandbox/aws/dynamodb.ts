import { AwsError } from './errors.js';
import { epochSeconds, jsonAnswer, jsonError, jsonInput, jsonOperation } from './json.js';
import type { Answer, AwsRequest, ServiceHandler } from './server.js';
import { textOf } from '../../core/text.js';

/**
 * DynamoDB (JSON 1.0, `DynamoDB_20120810.*`): ListTables by name order with
 * `ExclusiveStartTableName`, and DescribeContinuousBackups per table. Error
 * types carry DynamoDB's namespace, as the service sends them.
 */
const NS = 'com.amazonaws.dynamodb.v20120810#';

const json10 = (a: Answer): Answer => ({ ...a, headers: { ...a.headers, 'content-type': 'application/x-amz-json-1.0' } });

export function dynamodbService(): ServiceHandler {
  return {
    service: 'dynamodb',
    operation: jsonOperation('DynamoDB_20120810'),
    renderError: (err, req: AwsRequest) => {
      const a = jsonError(err, req, { denied: 'AccessDeniedException', throttled: 'ThrottlingException' });
      const body = JSON.parse(a.body) as { __type: string; message: string };
      return json10({ ...a, body: JSON.stringify({ __type: `${NS}${body.__type}`, message: body.message }) });
    },
    handle(op, req, ctx) {
      const input = jsonInput(req);
      const tables = ctx.caller.account.data.tables.filter((t) => t.region === req.region).sort((a, b) => a.name.localeCompare(b.name));
      switch (op) {
        case 'ListTables': {
          ctx.authorize('dynamodb:ListTables');
          const limit = Number(input.Limit ?? 100);
          if (!Number.isInteger(limit) || limit < 1 || limit > 100)
            throw new AwsError(
              'ValidationException',
              `1 validation error detected: Value '${String(input.Limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100`,
            );
          const after = input.ExclusiveStartTableName as string | undefined;
          const rest = after === undefined ? tables : tables.filter((t) => t.name > after);
          const page = rest.slice(0, limit);
          return json10(
            jsonAnswer(req, {
              TableNames: page.map((t) => t.name),
              LastEvaluatedTableName: rest.length > limit ? page[page.length - 1]?.name : undefined,
            }),
          );
        }
        case 'DescribeContinuousBackups': {
          const name = textOf(input.TableName ?? '');
          const t = tables.find((x) => x.name === name || x.arn === name);
          ctx.authorize(
            'dynamodb:DescribeContinuousBackups',
            t?.arn ?? `arn:aws:dynamodb:${req.region}:${ctx.caller.account.id}:table/${name}`,
          );
          if (!t) throw new AwsError('TableNotFoundException', `Table not found: ${name}`);
          const window = t.recoveryPeriodDays * 86_400_000;
          const earliest = new Date(Math.max(t.created.getTime(), ctx.world.now.getTime() - window));
          return json10(
            jsonAnswer(req, {
              ContinuousBackupsDescription: {
                ContinuousBackupsStatus: 'ENABLED',
                PointInTimeRecoveryDescription: t.pointInTimeRecovery
                  ? {
                      PointInTimeRecoveryStatus: 'ENABLED',
                      RecoveryPeriodInDays: t.recoveryPeriodDays,
                      EarliestRestorableDateTime: epochSeconds(earliest),
                      LatestRestorableDateTime: epochSeconds(new Date(ctx.world.now.getTime() - 300_000)),
                    }
                  : { PointInTimeRecoveryStatus: 'DISABLED' },
              },
            }),
          );
        }
        default:
          throw new AwsError('UnknownOperationException', `Unknown operation ${op}`);
      }
    },
  };
}
