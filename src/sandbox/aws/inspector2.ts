import { AwsError } from './errors.js';
import { epochSeconds } from './json.js';
import { restAnswer, restError, restInput, restOperation, restPage } from './rest-json.js';
import type { AwsRequest, CallContext, ServiceHandler } from './server.js';
import type { InspectorFinding } from './data-world.js';

/**
 * Amazon Inspector (REST-JSON): BatchGetAccountStatus and ListFindings. A
 * region the scenario does not enable answers DISABLED for every scan type;
 * ListFindings there is refused as the service refuses an account that has
 * not activated it.
 */

type StringFilter = { comparison?: string; value?: string };

/** The string filters the sandbox evaluates; any other criterion is refused rather than ignored. */
const FILTERS: Record<string, (f: InspectorFinding) => string> = {
  severity: (f) => f.severity,
  findingStatus: (f) => f.status,
  findingArn: (f) => f.arn,
};

function matches(f: InspectorFinding, criteria: Record<string, StringFilter[]>): boolean {
  return Object.entries(criteria).every(([key, filters]) => {
    const field = FILTERS[key];
    if (!field) throw new AwsError('ValidationException', `The sandbox does not evaluate the filter ${key}`);
    const value = field(f);
    // Filters of one criterion are ORed for EQUALS and ANDed for NOT_EQUALS, as Inspector documents.
    const equals = filters.filter((x) => x.comparison === 'EQUALS');
    const notEquals = filters.filter((x) => x.comparison === 'NOT_EQUALS');
    const prefix = filters.filter((x) => x.comparison === 'PREFIX');
    if (filters.length !== equals.length + notEquals.length + prefix.length)
      throw new AwsError('ValidationException', 'comparison must be EQUALS, PREFIX or NOT_EQUALS');
    return (
      (equals.length === 0 || equals.some((x) => x.value === value)) &&
      notEquals.every((x) => x.value !== value) &&
      (prefix.length === 0 || prefix.some((x) => value.startsWith(x.value ?? '')))
    );
  });
}

function state(on: boolean) {
  return on
    ? { status: 'ENABLED', errorCode: 'ALREADY_ENABLED', errorMessage: '' }
    : { status: 'DISABLED', errorCode: 'DISABLED', errorMessage: '' };
}

function enabledIn(ctx: CallContext, req: AwsRequest) {
  return ctx.caller.account.data.inspectorRegions.find((r) => r.region === req.region);
}

export function inspector2Service(): ServiceHandler {
  return {
    service: 'inspector2',
    operation: restOperation({ 'POST /status/batch/get': 'BatchGetAccountStatus', 'POST /findings/list': 'ListFindings' }),
    renderError: restError,
    handle(op, req, ctx) {
      const input = restInput(req);
      const account = ctx.caller.account.id;
      const on = enabledIn(ctx, req);
      if (op === 'BatchGetAccountStatus') {
        ctx.authorize('inspector2:BatchGetAccountStatus');
        const ids = (input.accountIds as string[] | undefined) ?? [account];
        return restAnswer(req, {
          accounts: ids
            .filter((id) => id === account)
            .map((id) => ({
              accountId: id,
              state: state(Boolean(on)),
              resourceState: {
                ec2: state(Boolean(on?.ec2)),
                ecr: state(Boolean(on?.ecr)),
                lambda: state(Boolean(on?.lambda)),
                lambdaCode: state(false),
              },
            })),
          failedAccounts: ids
            .filter((id) => id !== account)
            .map((id) => ({
              accountId: id,
              errorCode: 'ACCESS_DENIED',
              errorMessage: 'The account is not a member of your organization.',
            })),
        });
      }
      ctx.authorize('inspector2:ListFindings');
      if (!on)
        throw new AwsError(
          'AccessDeniedException',
          'Invoking account does not have access to perform this operation. Enable Amazon Inspector first.',
          403,
        );
      const criteria = (input.filterCriteria ?? {}) as Record<string, StringFilter[]>;
      const found = ctx.caller.account.data.inspectorFindings.filter((f) => f.region === req.region && matches(f, criteria));
      const pg = restPage(found, op, input.maxResults, input.nextToken, { max: 100, fallback: 100 });
      return restAnswer(req, {
        findings: pg.items.map((f) => ({
          findingArn: f.arn,
          awsAccountId: account,
          type: 'PACKAGE_VULNERABILITY',
          description: `${f.title}: a vulnerable package version is installed.`,
          title: f.title,
          remediation: { recommendation: { text: 'Update the affected package.' } },
          severity: f.severity,
          firstObservedAt: epochSeconds(f.firstObserved),
          lastObservedAt: epochSeconds(ctx.world.now),
          updatedAt: epochSeconds(ctx.world.now),
          status: f.status,
          resources: [{ type: 'AWS_EC2_INSTANCE', id: f.resource, region: f.region, partition: 'aws' }],
        })),
        nextToken: pg.next,
      });
    },
  };
}
