import { AwsError } from './errors.js';
import { epochSeconds, jsonAnswer, jsonError, jsonInput, jsonOperation, jsonPage } from './json.js';
import type { AwsRequest, CallContext, ServiceHandler } from './server.js';
import type { IdentityCenterWorld } from './world-identity-center.js';

/**
 * IAM Identity Center administration (JSON 1.1, `SWBExternalService.*`): the
 * organisation instance is seen only by its owner account (the management or
 * delegated administrator account) in its home region. Anyone else lists no
 * instance, and reading the instance is AccessDeniedException.
 */

/** A required string field of a JSON request, or the service's ValidationException. */
export const required = (input: Record<string, unknown>, name: string): string => {
  const v = input[name];
  if (typeof v !== 'string' || v === '') {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return v;
};

/** The instance, when the caller may read it: its owner, in its region. */
export function visibleInstance(ctx: CallContext, req: AwsRequest): IdentityCenterWorld | undefined {
  const ic = ctx.world.identityCenter;
  return ic && ic.ownerAccount === ctx.caller.account.id && ic.region === req.region ? ic : undefined;
}

/** The instance a request names, or the error the service gives a caller who may not read it. */
function namedInstance(ctx: CallContext, req: AwsRequest, input: Record<string, unknown>, action: string): IdentityCenterWorld {
  const arn = required(input, 'InstanceArn');
  const ic = visibleInstance(ctx, req);
  if (!ic || ic.instanceArn !== arn) {
    throw new AwsError('AccessDeniedException', `User: ${ctx.caller.arn} is not authorized to perform: ${action} on resource: ${arn}`);
  }
  return ic;
}

function permissionSet(ic: IdentityCenterWorld, input: Record<string, unknown>) {
  const arn = required(input, 'PermissionSetArn');
  const ps = ic.permissionSets.find((p) => p.arn === arn);
  if (!ps) throw new AwsError('ResourceNotFoundException', `Could not find PermissionSet with ARN ${arn}`);
  return ps;
}

export function ssoAdminService(): ServiceHandler {
  return {
    service: 'sso-admin',
    operation: jsonOperation('SWBExternalService'),
    renderError: (err, req) => jsonError(err, req, { denied: 'AccessDeniedException', throttled: 'ThrottlingException' }),
    handle(op, req, ctx) {
      const input = jsonInput(req);
      const action = `sso:${op}`;
      ctx.authorize(action);
      const size = Number(input.MaxResults ?? 100);
      switch (op) {
        case 'ListInstances': {
          const ic = visibleInstance(ctx, req);
          const pg = jsonPage(ic ? [ic] : [], size, input.NextToken, 100);
          return jsonAnswer(req, {
            Instances: pg.items.map((i) => ({
              InstanceArn: i.instanceArn,
              IdentityStoreId: i.identityStoreId,
              OwnerAccountId: i.ownerAccount,
              Name: 'acme',
              CreatedDate: epochSeconds(i.created),
              Status: 'ACTIVE',
            })),
            NextToken: pg.next,
          });
        }
        case 'ListPermissionSets': {
          const ic = namedInstance(ctx, req, input, action);
          const pg = jsonPage(ic.permissionSets, size, input.NextToken, 100);
          return jsonAnswer(req, { PermissionSets: pg.items.map((p) => p.arn), NextToken: pg.next });
        }
        case 'ListPermissionSetsProvisionedToAccount': {
          const ic = namedInstance(ctx, req, input, action);
          const account = required(input, 'AccountId');
          const sets = ic.permissionSets.filter((p) => p.assignments.some((a) => a.account === account));
          const pg = jsonPage(sets, size, input.NextToken, 100);
          return jsonAnswer(req, { PermissionSets: pg.items.map((p) => p.arn), NextToken: pg.next });
        }
        case 'DescribePermissionSet': {
          const ps = permissionSet(namedInstance(ctx, req, input, action), input);
          return jsonAnswer(req, {
            PermissionSet: {
              Name: ps.name,
              PermissionSetArn: ps.arn,
              Description: ps.description,
              CreatedDate: epochSeconds(ps.created),
              SessionDuration: 'PT1H',
            },
          });
        }
        case 'ListAccountAssignments': {
          const ps = permissionSet(namedInstance(ctx, req, input, action), input);
          const account = required(input, 'AccountId');
          const pg = jsonPage(
            ps.assignments.filter((a) => a.account === account),
            size,
            input.NextToken,
            100,
          );
          return jsonAnswer(req, {
            AccountAssignments: pg.items.map((a) => ({
              AccountId: a.account,
              PermissionSetArn: ps.arn,
              PrincipalType: a.principalType,
              PrincipalId: a.principalId,
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
