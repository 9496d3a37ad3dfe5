import { AwsError } from './errors.js';
import { iamId } from './ids.js';
import { params, queryAnswer, queryError, queryOperation } from './query.js';
import type { Caller, ServiceHandler, Shared } from './server.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * STS: who the caller is, and AssumeRole into the scenario's other
 * accounts. The temporary access key id is remembered, so later calls signed
 * with it answer for the role's account.
 */
export function stsService(shared: Shared): ServiceHandler {
  let sessions = 0;
  return {
    service: 'sts',
    operation: queryOperation,
    renderError: (err, req) => queryError(NS, err, req),
    handle(op, req, ctx) {
      const p = params(req);
      switch (op) {
        case 'GetCallerIdentity':
          // Real STS answers GetCallerIdentity even when every action is denied; the scenario may still deny it.
          ctx.authorize('sts:GetCallerIdentity');
          return queryAnswer(NS, op, req, { UserId: ctx.caller.userId, Account: ctx.caller.account.id, Arn: ctx.caller.arn });
        case 'AssumeRole': {
          const roleArn = p.get('RoleArn') ?? '';
          const session = p.get('RoleSessionName') ?? '';
          if (!roleArn || !session) throw new AwsError('ValidationError', 'RoleArn and RoleSessionName are required');
          const account = ctx.world.accounts.find((a) => roleArn.startsWith(`arn:aws:iam::${a.id}:role/`));
          const role = account?.roles.find((r) => r.arn === roleArn);
          ctx.authorize('sts:AssumeRole', roleArn);
          if (!account || !role || (role.externalId !== undefined && role.externalId !== p.get('ExternalId'))) {
            throw new AwsError(
              'AccessDenied',
              `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
              403,
            );
          }
          sessions += 1;
          const accessKeyId = iamId('ASIA', `${roleArn}:${session}:${sessions}`, 20);
          const caller: Caller = {
            account,
            arn: `arn:aws:sts::${account.id}:assumed-role/${role.name}/${session}`,
            userId: `${role.id}:${session}`,
          };
          shared.credentials.set(accessKeyId, caller);
          const seconds = Number(p.get('DurationSeconds') ?? 3600);
          return queryAnswer(NS, op, req, {
            Credentials: {
              AccessKeyId: accessKeyId,
              SecretAccessKey: iamId('', `secret:${accessKeyId}`, 40),
              SessionToken: Buffer.from(`sandbox-session:${accessKeyId}`).toString('base64'),
              Expiration: new Date(Date.now() + seconds * 1000),
            },
            AssumedRoleUser: { AssumedRoleId: caller.userId, Arn: caller.arn },
          });
        }
        default:
          throw new AwsError('InvalidAction', `Could not find operation ${op} for version 2011-06-15`);
      }
    },
  };
}
