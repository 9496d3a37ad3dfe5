import { FactError, type FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { allPages } from './paging.js';
import { sdk } from './sdk.js';

const { BatchGetAccountStatusCommand, ListFindingsCommand } = sdk('@aws-sdk/client-inspector2');

/**
 * Amazon Inspector's state for the account in one region: the account's
 * status and each scan type's (`ENABLING`, `ENABLED`, `DISABLING`,
 * `DISABLED`, `SUSPENDING`, `SUSPENDED`). A scan type the answer leaves out
 * is `null`.
 */
export interface InspectorStatus {
  status: string;
  ec2: string | null;
  ecr: string | null;
  lambda: string | null;
}

export interface InspectorFinding {
  arn: string;
  title: string | null;
  firstObservedAt: string;
}

export interface InspectorFacts {
  status(region: string): Promise<InspectorStatus>;
  /** Findings of severity CRITICAL whose status is ACTIVE. */
  activeCriticalFindings(region: string): Promise<InspectorFinding[]>;
}

export function inspectorFacts(scope: FactScope, clients: AwsClients, o: { accountId: string }): InspectorFacts {
  return {
    status: (region) =>
      scope.fact(`aws.inspector.status(${region})`, async (rec) => {
        const inspector = clients.inspector2(region);
        // Without account ids the answer is the caller's own account, enabled by itself or by a delegated administrator.
        const answer = await send(rec, 'inspector2', new BatchGetAccountStatusCommand({}), (c, opt) => inspector.send(c, opt), region);
        const failed = answer.failedAccounts?.find((f) => f.accountId === o.accountId);
        if (failed)
          throw new FactError({
            kind: 'other',
            message: `inspector2:BatchGetAccountStatus on ${region}: ${failed.errorCode}: ${failed.errorMessage}`,
            ...(failed.errorCode ? { code: failed.errorCode } : {}),
          });
        const mine = answer.accounts!.find((a) => a.accountId === o.accountId);
        if (!mine)
          throw new FactError({
            kind: 'malformed',
            message: `inspector2:BatchGetAccountStatus on ${region}: no state for account ${o.accountId}`,
          });
        return {
          status: mine.state!.status!,
          ec2: mine.resourceState?.ec2?.status ?? null,
          ecr: mine.resourceState?.ecr?.status ?? null,
          lambda: mine.resourceState?.lambda?.status ?? null,
        };
      }),
    activeCriticalFindings: (region) =>
      scope.fact(`aws.inspector.activeCriticalFindings(${region})`, async (rec) => {
        const inspector = clients.inspector2(region);
        const filterCriteria = {
          severity: [{ comparison: 'EQUALS' as const, value: 'CRITICAL' }],
          findingStatus: [{ comparison: 'EQUALS' as const, value: 'ACTIVE' }],
        };
        const pages = await allPages(
          'inspector2:ListFindings',
          (nextToken) =>
            send(
              rec,
              'inspector2',
              new ListFindingsCommand({ filterCriteria, maxResults: 100, nextToken }),
              (c, opt) => inspector.send(c, opt),
              region,
            ),
          (p) => p.nextToken,
        );
        return pages.flatMap((p) =>
          p.findings!.map((f) => ({ arn: f.findingArn!, title: f.title ?? null, firstObservedAt: f.firstObservedAt!.toISOString() })),
        );
      }),
  };
}
