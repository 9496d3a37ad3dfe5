import { AwsError } from './errors.js';
import { restAnswer, restErrors, restInput, restOperation, restPage } from './rest-json.js';
import type { AwsRequest, CallContext, ServiceHandler } from './server.js';

/**
 * Security Hub (REST-JSON): the caller's hub in the request's region and its
 * standard subscriptions. A region where the account has not enabled
 * Security Hub answers InvalidAccessException (401), "not subscribed", as
 * Security Hub does.
 */

const ROUTES = {
  'GET /accounts': 'DescribeHub',
  'POST /standards/get': 'GetEnabledStandards',
};

function hubOf(ctx: CallContext, req: AwsRequest) {
  const hub = ctx.caller.account.monitoring.hubs.find((h) => h.region === req.region);
  if (!hub) {
    throw new AwsError('InvalidAccessException', `Account ${ctx.caller.account.id} is not subscribed to AWS Security Hub`, 401);
  }
  return hub;
}

/** A standard's ARN from a scenario reference; AWS's own standards are regional, CIS 1.2.0 is a global ruleset. */
function standardArn(ref: string, region: string): string {
  if (ref.startsWith('arn:')) return ref;
  if (ref.startsWith('cis-aws-foundations-benchmark/v/1.2.0')) return `arn:aws:securityhub:::ruleset/${ref}`;
  return `arn:aws:securityhub:${region}::standards/${ref}`;
}

export function securityhubService(): ServiceHandler {
  return {
    service: 'securityhub',
    operation: restOperation(ROUTES),
    renderError: restErrors({ throttle: 'TooManyRequestsException', messageKey: 'Message' }),
    handle(op, req, ctx) {
      const account = ctx.caller.account.id;
      const hubArn = `arn:aws:securityhub:${req.region}:${account}:hub/default`;
      switch (op) {
        case 'DescribeHub': {
          ctx.authorize('securityhub:DescribeHub', hubArn);
          const hub = hubOf(ctx, req);
          return restAnswer(req, {
            HubArn: hubArn,
            SubscribedAt: hub.subscribed.toISOString(),
            AutoEnableControls: true,
            ControlFindingGenerator: 'SECURITY_CONTROL',
          });
        }
        case 'GetEnabledStandards': {
          ctx.authorize('securityhub:GetEnabledStandards', hubArn);
          const hub = hubOf(ctx, req);
          const input = restInput(req);
          const all = (hub.standards ?? []).map((s) => {
            const arn = standardArn(s.standard, req.region);
            const name = arn.split(/standards\/|ruleset\//)[1] ?? arn;
            return {
              StandardsSubscriptionArn: `arn:aws:securityhub:${req.region}:${account}:subscription/${name}`,
              StandardsArn: arn,
              StandardsInput: {},
              StandardsStatus: s.status ?? 'READY',
              StandardsControlsUpdatable: 'READY_FOR_UPDATES',
              ...(s.status === 'INCOMPLETE' || s.status === 'FAILED'
                ? { StandardsStatusReason: { StatusReasonCode: 'INTERNAL_ERROR' } }
                : {}),
            };
          });
          const pg = restPage(all, op, input.MaxResults, input.NextToken, { max: 100, fallback: 10, invalid: 'InvalidInputException' });
          return restAnswer(req, { StandardsSubscriptions: pg.items, NextToken: pg.next });
        }
        default:
          throw new AwsError('UnknownOperationException', `Unknown operation ${op}`, 404);
      }
    },
  };
}
