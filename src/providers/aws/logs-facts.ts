import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import type { MonitoringFacts } from './monitoring-types.js';
import { allPages } from './paging.js';
import { sdk } from './sdk.js';

const { DescribeLogGroupsCommand } = sdk('@aws-sdk/client-cloudwatch-logs');

/** CloudWatch Logs facts, per region: every log group, 50 a page (DescribeLogGroups' largest). */
export function logsFacts(scope: FactScope, clients: AwsClients): MonitoringFacts['logs'] {
  return {
    logGroups: (region) =>
      scope.fact(`aws.logs.logGroups(${region})`, async (rec) => {
        const client = clients.logs(region);
        const pages = await allPages(
          'logs:DescribeLogGroups',
          (nextToken) => send(rec, 'logs', new DescribeLogGroupsCommand({ limit: 50, nextToken }), (c, o) => client.send(c, o), region),
          (p) => p.nextToken,
        );
        return pages.flatMap((p) =>
          p.logGroups!.map((g) => ({
            name: g.logGroupName!,
            // `arn` ends in `:*`; logGroupArn is the group's own ARN (older answers lack it).
            arn: g.logGroupArn ?? g.arn!.replace(/:\*$/, ''),
            retentionInDays: g.retentionInDays ?? null,
            kmsKeyId: g.kmsKeyId ?? null,
          })),
        );
      }),
  };
}
