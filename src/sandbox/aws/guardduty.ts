import { AwsError } from './errors.js';
import { restAnswer, restErrors, restInput, restOperation, restPage } from './rest-json.js';
import type { AwsRequest, CallContext, ServiceHandler } from './server.js';
import type { DetectorState, FindingState } from './world-monitoring.js';

/**
 * GuardDuty (REST-JSON): the caller's detector in the request's region and
 * its findings. A region without a detector answers an empty ListDetectors,
 * as GuardDuty does where it is not enabled. ListFindings filters by the
 * `severity` and `service.archived` criteria; other criteria are refused
 * rather than ignored, so that a reader's filter is never silently wrong.
 */

const ROUTES = {
  'GET /detector': 'ListDetectors',
  'GET /detector/{detectorId}': 'GetDetector',
  'POST /detector/{detectorId}/findings': 'ListFindings',
  'POST /detector/{detectorId}/findings/get': 'GetFindings',
};

function detectorOf(ctx: CallContext, req: AwsRequest): DetectorState {
  const id = decodeURIComponent(req.path.split('/')[2] ?? '');
  const d = ctx.caller.account.monitoring.detectors.find((x) => x.region === req.region && x.id === id);
  if (!d)
    throw new AwsError('BadRequestException', 'The request is rejected because the input detectorId is not owned by the current account.');
  return d;
}

type Condition = Record<string, unknown>;

/** Whether a finding meets one criterion (the long and the short spelling of each operator are both accepted, as GuardDuty does). */
function meets(f: FindingState, field: string, c: Condition): boolean {
  const value = field === 'severity' ? f.severity : field === 'service.archived' ? String(f.archived) : undefined;
  if (value === undefined)
    throw new AwsError('BadRequestException', `The request is rejected because the criterion field ${field} is not supported here.`);
  const n = (k: string, short: string) => (c[k] ?? c[short]) as number | undefined;
  const l = (k: string, short: string) => (c[k] ?? c[short]) as string[] | undefined;
  const checks: [unknown, (x: never) => boolean][] = [
    [n('greaterThanOrEqual', 'gte'), (x: number) => Number(value) >= x],
    [n('greaterThan', 'gt'), (x: number) => Number(value) > x],
    [n('lessThanOrEqual', 'lte'), (x: number) => Number(value) <= x],
    [n('lessThan', 'lt'), (x: number) => Number(value) < x],
    [l('equals', 'eq'), (x: string[]) => x.includes(String(value))],
    [l('notEquals', 'neq'), (x: string[]) => !x.includes(String(value))],
  ];
  return checks.every(([arg, test]) => arg === undefined || test(arg as never));
}

function finding(f: FindingState, d: DetectorState, account: string) {
  return {
    accountId: account,
    arn: `arn:aws:guardduty:${d.region}:${account}:detector/${d.id}/finding/${f.id}`,
    createdAt: f.created.toISOString(),
    id: f.id,
    partition: 'aws',
    region: d.region,
    resource: { resourceType: 'Instance' },
    schemaVersion: '2.0',
    service: { archived: f.archived, count: 1, detectorId: d.id, serviceName: 'guardduty', eventFirstSeen: f.created.toISOString() },
    severity: f.severity,
    title: f.type,
    type: f.type,
    updatedAt: f.updated.toISOString(),
  };
}

export function guarddutyService(): ServiceHandler {
  return {
    service: 'guardduty',
    operation: restOperation(ROUTES),
    renderError: restErrors({ throttle: 'TooManyRequestsException' }),
    handle(op, req, ctx) {
      const account = ctx.caller.account.id;
      switch (op) {
        case 'ListDetectors': {
          ctx.authorize('guardduty:ListDetectors');
          const mine = ctx.caller.account.monitoring.detectors.filter((d) => d.region === req.region);
          const pg = restPage(mine, op, req.query.get('maxResults') ?? undefined, req.query.get('nextToken'), {
            max: 50,
            fallback: 50,
            invalid: 'BadRequestException',
          });
          return restAnswer(req, { detectorIds: pg.items.map((d) => d.id), nextToken: pg.next });
        }
        case 'GetDetector': {
          const d = detectorOf(ctx, req);
          ctx.authorize('guardduty:GetDetector', `arn:aws:guardduty:${d.region}:${account}:detector/${d.id}`);
          return restAnswer(req, {
            createdAt: d.created.toISOString(),
            findingPublishingFrequency: 'SIX_HOURS',
            serviceRole: `arn:aws:iam::${account}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
            status: d.status,
            updatedAt: d.created.toISOString(),
            tags: {},
          });
        }
        case 'ListFindings': {
          const d = detectorOf(ctx, req);
          ctx.authorize('guardduty:ListFindings', `arn:aws:guardduty:${d.region}:${account}:detector/${d.id}`);
          const input = restInput(req);
          const criterion = (input.findingCriteria as { criterion?: Record<string, Condition> } | undefined)?.criterion ?? {};
          const matching = d.findings.filter((f) => Object.entries(criterion).every(([field, c]) => meets(f, field, c)));
          const pg = restPage(matching, op, input.maxResults, input.nextToken, { max: 50, fallback: 50, invalid: 'BadRequestException' });
          return restAnswer(req, { findingIds: pg.items.map((f) => f.id), nextToken: pg.next ?? '' });
        }
        case 'GetFindings': {
          const d = detectorOf(ctx, req);
          ctx.authorize('guardduty:GetFindings', `arn:aws:guardduty:${d.region}:${account}:detector/${d.id}`);
          const ids = (restInput(req).findingIds ?? []) as string[];
          if (!Array.isArray(ids) || ids.length > 50) {
            throw new AwsError('BadRequestException', 'The request is rejected because findingIds must hold at most 50 ids.');
          }
          // Unknown ids are left out of the answer, as GuardDuty does.
          const found = ids.flatMap((id) => d.findings.filter((f) => f.id === id)).map((f) => finding(f, d, account));
          return restAnswer(req, { findings: found });
        }
        default:
          throw new AwsError('UnknownOperationException', `Unknown operation ${op}`, 404);
      }
    },
  };
}
