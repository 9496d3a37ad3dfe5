import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { errorCode } from './errors.js';
import type { MonitoringFacts } from './monitoring-types.js';
import { allPages } from './paging.js';
import { sdk } from './sdk.js';

const { DescribeHubCommand, GetEnabledStandardsCommand } = sdk('@aws-sdk/client-securityhub');

/**
 * Security Hub's answer to an account that has not enabled it in the
 * region: InvalidAccessException, "Account … is not subscribed to AWS
 * Security Hub". That is a fact (not enabled), not a failure to collect.
 */
function notSubscribed(err: unknown): boolean {
  return errorCode(err) === 'InvalidAccessException' && /not subscribed/i.test((err as Error).message ?? '');
}

/** Security Hub facts, per region: the hub, then its standards (100 a page, the most the API gives). */
export function securityhubFacts(scope: FactScope, clients: AwsClients): MonitoringFacts['securityhub'] {
  return {
    hub: (region) =>
      scope.fact(`aws.securityhub.hub(${region})`, async (rec) => {
        const client = clients.securityhub(region);
        try {
          const hub = await send(rec, 'securityhub', new DescribeHubCommand({}), (c, o) => client.send(c, o), region);
          return { hubArn: hub.HubArn!, subscribedAt: hub.SubscribedAt ?? null };
        } catch (err) {
          if (notSubscribed(err)) return null;
          throw err;
        }
      }),
    enabledStandards: (region) =>
      scope.fact(`aws.securityhub.enabledStandards(${region})`, async (rec) => {
        const client = clients.securityhub(region);
        const pages = await allPages(
          'securityhub:GetEnabledStandards',
          (NextToken) =>
            send(rec, 'securityhub', new GetEnabledStandardsCommand({ MaxResults: 100, NextToken }), (c, o) => client.send(c, o), region),
          (p) => p.NextToken,
        );
        return pages.flatMap((p) => p.StandardsSubscriptions!.map((s) => ({ standardsArn: s.StandardsArn!, status: s.StandardsStatus! })));
      }),
  };
}
