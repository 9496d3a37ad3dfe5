import { AwsError } from './errors.js';
import { epochSeconds, jsonAnswer, jsonError, jsonInput, jsonOperation, jsonPage } from './json.js';
import type { ServiceHandler } from './server.js';

/**
 * Organizations (JSON 1.1, `AWSOrganizationsV20161128.*`): discovery of the
 * scenario's accounts. Only the management account may list them; without
 * an `organization` in the scenario, nobody is in one.
 */
export function organizationsService(): ServiceHandler {
  return {
    service: 'organizations',
    operation: jsonOperation('AWSOrganizationsV20161128'),
    // A scenario denial names the action, as AWS's policy-evaluation messages do; a member account asking gets Organizations' own wording.
    renderError: (err, req) => jsonError(err, req, { denied: 'AccessDeniedException', throttled: 'TooManyRequestsException' }),
    handle(op, req, ctx) {
      const org = ctx.world.organization;
      const input = jsonInput(req);
      ctx.authorize(`organizations:${op}`);
      if (!org) throw new AwsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
      const management = ctx.world.accounts.find((a) => a.id === org.managementAccount);
      const orgArn = `arn:aws:organizations::${org.managementAccount}:organization/${org.id}`;
      switch (op) {
        case 'DescribeOrganization':
          return jsonAnswer(req, {
            Organization: {
              Id: org.id,
              Arn: orgArn,
              FeatureSet: 'ALL',
              MasterAccountArn: `arn:aws:organizations::${org.managementAccount}:account/${org.id}/${org.managementAccount}`,
              MasterAccountId: org.managementAccount,
              MasterAccountEmail: management?.email,
            },
          });
        case 'ListAccounts': {
          if (ctx.caller.account.id !== org.managementAccount) {
            throw new AwsError('AccessDeniedException', "You don't have permissions to access this resource.");
          }
          const pg = jsonPage(ctx.world.accounts, Number(input.MaxResults ?? 20), input.NextToken, 20);
          return jsonAnswer(req, {
            Accounts: pg.items.map((a) => ({
              Id: a.id,
              Arn: `arn:aws:organizations::${org.managementAccount}:account/${org.id}/${a.id}`,
              Email: a.email,
              Name: a.name,
              Status: 'ACTIVE',
              State: 'ACTIVE',
              JoinedMethod: a.id === org.managementAccount ? 'CREATED' : 'INVITED',
              JoinedTimestamp: epochSeconds(a.created),
            })),
            NextToken: pg.next,
          });
        }
        default:
          throw new AwsError('UnknownOperationException', `Unknown operation ${op}`);
      }
    },
  };
}
