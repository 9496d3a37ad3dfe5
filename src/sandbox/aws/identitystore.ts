import { AwsError } from './errors.js';
import { jsonAnswer, jsonError, jsonInput, jsonOperation, jsonPage } from './json.js';
import type { ServiceHandler } from './server.js';
import { required, visibleInstance } from './sso-admin.js';

/**
 * The Identity Store of the Identity Center instance (JSON 1.1,
 * `AWSIdentityStore.*`): ListGroupMemberships, for the instance's owner
 * account in its region; anyone else is AccessDeniedException.
 */
export function identitystoreService(): ServiceHandler {
  return {
    service: 'identitystore',
    operation: jsonOperation('AWSIdentityStore'),
    renderError: (err, req) => jsonError(err, req, { denied: 'AccessDeniedException', throttled: 'ThrottlingException' }),
    handle(op, req, ctx) {
      const input = jsonInput(req);
      ctx.authorize(`identitystore:${op}`);
      if (op !== 'ListGroupMemberships') throw new AwsError('UnknownOperationException', `Unknown operation ${op}`);
      const storeId = required(input, 'IdentityStoreId');
      const groupId = required(input, 'GroupId');
      const ic = visibleInstance(ctx, req);
      if (!ic || ic.identityStoreId !== storeId) {
        throw new AwsError(
          'AccessDeniedException',
          `User: ${ctx.caller.arn} is not authorized to perform: identitystore:ListGroupMemberships on resource: identitystore/${storeId}`,
        );
      }
      const group = ic.groups.find((g) => g.id === groupId);
      if (!group) throw new AwsError('ResourceNotFoundException', `GROUP not found: ${groupId}`);
      const pg = jsonPage(group.members, Number(input.MaxResults ?? 100), input.NextToken, 100);
      return jsonAnswer(req, {
        GroupMemberships: pg.items.map((userId) => ({
          IdentityStoreId: ic.identityStoreId,
          MembershipId: `${group.id.slice(0, 10)}-${userId.slice(-12)}`,
          GroupId: group.id,
          MemberId: { UserId: userId },
        })),
        NextToken: pg.next,
      });
    },
  };
}
