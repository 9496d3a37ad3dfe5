import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { allPages } from './paging.js';
import { sdk } from './sdk.js';

const { ListProtectedResourcesCommand } = sdk('@aws-sdk/client-backup');

/** A resource AWS Backup has backed up at least once (ListProtectedResources). */
export interface ProtectedResource {
  arn: string;
  type: string | null;
  lastBackupTime: string | null;
}

export interface BackupFacts {
  /** Every resource of the region with a recovery point; `[]` when AWS Backup protects nothing there. */
  protectedResources(region: string): Promise<ProtectedResource[]>;
}

export function backupFacts(scope: FactScope, clients: AwsClients): BackupFacts {
  return {
    protectedResources: (region) =>
      scope.fact(`aws.backup.protectedResources(${region})`, async (rec) => {
        const backup = clients.backup(region);
        const pages = await allPages(
          'backup:ListProtectedResources',
          (NextToken) =>
            send(rec, 'backup', new ListProtectedResourcesCommand({ MaxResults: 1000, NextToken }), (c, o) => backup.send(c, o), region),
          (p) => p.NextToken,
        );
        return pages.flatMap((p) =>
          p.Results!.map((r) => ({
            arn: r.ResourceArn!,
            type: r.ResourceType ?? null,
            lastBackupTime: r.LastBackupTime?.toISOString() ?? null,
          })),
        );
      }),
  };
}
