import { epochSeconds } from './json.js';
import { restAnswer, restError, restOperation, restPage } from './rest-json.js';
import type { ServiceHandler } from './server.js';

/**
 * AWS Backup (REST-JSON): ListProtectedResources, the resources of the
 * caller's account in the request's region that have a recovery point.
 * Nothing protected answers an empty `Results`, not an error.
 */
export function backupService(): ServiceHandler {
  return {
    service: 'backup',
    operation: restOperation({ 'GET /resources': 'ListProtectedResources' }),
    renderError: restError,
    handle(op, req, ctx) {
      ctx.authorize('backup:ListProtectedResources');
      const mine = ctx.caller.account.data.protectedResources.filter((p) => p.region === req.region);
      const pg = restPage(mine, op, req.query.get('maxResults') ?? undefined, req.query.get('nextToken'), { max: 1000, fallback: 1000 });
      return restAnswer(req, {
        Results: pg.items.map((p) => ({
          ResourceArn: p.arn,
          ResourceType: p.type,
          ResourceName: p.name,
          LastBackupTime: epochSeconds(p.lastBackup),
          LastBackupVaultArn: `arn:aws:backup:${req.region}:${ctx.caller.account.id}:backup-vault:Default`,
          LastRecoveryPointArn: `arn:aws:backup:${req.region}:${ctx.caller.account.id}:recovery-point:${p.name}-${p.lastBackup.getTime()}`,
        })),
        NextToken: pg.next,
      });
    },
  };
}
