import { AwsError } from './errors.js';
import { jsonAnswer, jsonError, jsonInput, jsonOperation } from './json.js';
import type { ServiceHandler } from './server.js';
import { textOf } from '../../core/text.js';

/**
 * CloudWatch Logs (JSON 1.1, `Logs_20140328.*`): the caller's log groups in
 * the request's region, in name order, `limit` (1–50) a page. A group
 * without retention has no `retentionInDays`, one without a KMS key no
 * `kmsKeyId`, as CloudWatch Logs answers.
 */
export function logsService(): ServiceHandler {
  return {
    service: 'logs',
    operation: jsonOperation('Logs_20140328'),
    renderError: (err, req) => jsonError(err, req, { denied: 'AccessDeniedException', throttled: 'ThrottlingException' }),
    handle(op, req, ctx) {
      if (op !== 'DescribeLogGroups') throw new AwsError('UnknownOperationException', `Unknown operation ${op}`);
      ctx.authorize('logs:DescribeLogGroups');
      const input = jsonInput(req);
      const limit = Number(input.limit ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
        throw new AwsError(
          'InvalidParameterException',
          `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50`,
        );
      }
      const prefix = textOf(input.logGroupNamePrefix ?? '');
      const groups = ctx.caller.account.monitoring.logGroups
        .filter((g) => g.region === req.region && g.name.startsWith(prefix))
        .sort((a, b) => a.name.localeCompare(b.name));
      // The token names the last group of the page before, as an opaque string.
      const token = input.nextToken === undefined ? undefined : Buffer.from(textOf(input.nextToken), 'base64').toString('utf8');
      if (token !== undefined && !groups.some((g) => g.name === token))
        throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
      const start = token === undefined ? 0 : groups.findIndex((g) => g.name === token) + 1;
      const page = groups.slice(start, start + limit);
      const last = page[page.length - 1];
      const more = start + limit < groups.length && last !== undefined;
      return jsonAnswer(req, {
        logGroups: page.map((g) => ({
          logGroupName: g.name,
          creationTime: g.created.getTime(),
          ...(g.retentionDays !== undefined ? { retentionInDays: g.retentionDays } : {}),
          metricFilterCount: 0,
          arn: `${g.arn}:*`,
          storedBytes: 0,
          ...(g.kmsKeyArn ? { kmsKeyId: g.kmsKeyArn } : {}),
          logGroupClass: 'STANDARD',
          logGroupArn: g.arn,
        })),
        ...(more ? { nextToken: Buffer.from(last.name).toString('base64') } : {}),
      });
    },
  };
}
