import { AwsError } from './errors.js';
import { epochSeconds, jsonAnswer, jsonError, jsonInput, jsonOperation, jsonPage } from './json.js';
import type { ServiceHandler } from './server.js';
import type { ManagedNode } from './data-world.js';

/**
 * Systems Manager (JSON 1.1, `AmazonSSM.*`): the managed nodes of the region
 * (DescribeInstanceInformation) and their Patch compliance summaries
 * (ListResourceComplianceSummaries). A node never scanned has no summary.
 */

type Filter = { Key?: string; Values?: string[]; Type?: string };

function summary(n: ManagedNode, now: Date) {
  const nonCompliant = n.patch === 'NON_COMPLIANT';
  const counts = (c: number) => ({
    CriticalCount: c,
    HighCount: 0,
    MediumCount: 0,
    LowCount: 0,
    InformationalCount: 0,
    UnspecifiedCount: 0,
  });
  return {
    ComplianceType: 'Patch',
    ResourceType: 'ManagedInstance',
    ResourceId: n.id,
    Status: n.patch,
    OverallSeverity: nonCompliant ? 'CRITICAL' : 'UNSPECIFIED',
    ExecutionSummary: { ExecutionTime: epochSeconds(new Date(now.getTime() - 86_400_000)), ExecutionType: 'Command' },
    CompliantSummary: { CompliantCount: 42, SeveritySummary: counts(0) },
    NonCompliantSummary: { NonCompliantCount: n.missing, SeveritySummary: counts(n.missing) },
  };
}

export function ssmService(): ServiceHandler {
  return {
    service: 'ssm',
    operation: jsonOperation('AmazonSSM'),
    renderError: (err, req) => jsonError(err, req, { denied: 'AccessDeniedException', throttled: 'ThrottlingException' }),
    handle(op, req, ctx) {
      const input = jsonInput(req);
      const nodes = ctx.caller.account.data.managedNodes.filter((n) => n.region === req.region);
      const now = ctx.world.now;
      switch (op) {
        case 'DescribeInstanceInformation': {
          ctx.authorize('ssm:DescribeInstanceInformation');
          const size = Number(input.MaxResults ?? 50);
          if (size < 5)
            throw new AwsError(
              'ValidationException',
              `1 validation error detected: Value '${size}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 5`,
            );
          const pg = jsonPage(nodes, size, input.NextToken, 50);
          return jsonAnswer(req, {
            InstanceInformationList: pg.items.map((n) => ({
              InstanceId: n.id,
              PingStatus: n.ping,
              LastPingDateTime: epochSeconds(new Date(now.getTime() - (n.ping === 'Online' ? 300_000 : 30 * 86_400_000))),
              AgentVersion: '3.3.1142.0',
              IsLatestVersion: false,
              PlatformType: n.platform,
              PlatformName: n.platform === 'Windows' ? 'Microsoft Windows Server 2022 Datacenter' : 'Amazon Linux',
              ResourceType: n.id.startsWith('mi-') ? 'ManagedInstance' : 'EC2Instance',
              IPAddress: '10.0.1.10',
              ComputerName: `${n.id}.internal`,
            })),
            NextToken: pg.next,
          });
        }
        case 'ListResourceComplianceSummaries': {
          ctx.authorize('ssm:ListResourceComplianceSummaries');
          let items = nodes.filter((n) => n.patch !== undefined).map((n) => summary(n, now));
          for (const f of (input.Filters ?? []) as Filter[]) {
            if ((f.Type ?? 'EQUAL') !== 'EQUAL') throw new AwsError('ValidationException', 'The sandbox evaluates EQUAL filters only');
            const field = ({ ComplianceType: 'ComplianceType', ResourceId: 'ResourceId', Status: 'Status' } as const)[
              f.Key as 'ComplianceType'
            ];
            if (!field) throw new AwsError('ValidationException', `The sandbox does not evaluate the filter ${String(f.Key)}`);
            items = items.filter((i) => (f.Values ?? []).includes(String(i[field])));
          }
          const pg = jsonPage(items, Number(input.MaxResults ?? 50), input.NextToken, 50);
          return jsonAnswer(req, { ResourceComplianceSummaryItems: pg.items, NextToken: pg.next });
        }
        default:
          throw new AwsError('InvalidAction', `Unknown operation ${op}`);
      }
    },
  };
}
