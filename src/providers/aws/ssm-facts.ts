import type { FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { allPages } from './paging.js';
import { sdk } from './sdk.js';

const { DescribeInstanceInformationCommand, ListResourceComplianceSummariesCommand } = sdk('@aws-sdk/client-ssm');

/** A node Systems Manager manages (DescribeInstanceInformation). */
export interface ManagedNode {
  id: string;
  /** `Online`, `ConnectionLost`, `Inactive`. */
  pingStatus: string | null;
  /** `EC2Instance` or `ManagedInstance` (a hybrid node). */
  resourceType: string | null;
  platform: string | null;
}

/** A node's Patch compliance summary (ListResourceComplianceSummaries, ComplianceType Patch). */
export interface PatchCompliance {
  resourceId: string;
  /** `COMPLIANT` or `NON_COMPLIANT`. */
  status: string;
  overallSeverity: string | null;
  nonCompliantCount: number;
  executionTime: string | null;
}

export interface SsmFacts {
  managedNodes(region: string): Promise<ManagedNode[]>;
  patchCompliance(region: string): Promise<PatchCompliance[]>;
}

/**
 * SSM facts per region: the managed nodes, and every node's patch compliance
 * in one paginated list (no per-instance DescribeInstancePatchStates).
 */
export function ssmFacts(scope: FactScope, clients: AwsClients): SsmFacts {
  return {
    managedNodes: (region) =>
      scope.fact(`aws.ssm.managedNodes(${region})`, async (rec) => {
        const ssm = clients.ssm(region);
        const pages = await allPages(
          'ssm:DescribeInstanceInformation',
          (NextToken) =>
            send(rec, 'ssm', new DescribeInstanceInformationCommand({ MaxResults: 50, NextToken }), (c, o) => ssm.send(c, o), region),
          (p) => p.NextToken,
        );
        return pages.flatMap((p) =>
          p.InstanceInformationList!.map((i) => ({
            id: i.InstanceId!,
            pingStatus: i.PingStatus ?? null,
            resourceType: i.ResourceType ?? null,
            platform: i.PlatformType ?? null,
          })),
        );
      }),
    patchCompliance: (region) =>
      scope.fact(`aws.ssm.patchCompliance(${region})`, async (rec) => {
        const ssm = clients.ssm(region);
        const Filters = [{ Key: 'ComplianceType', Values: ['Patch'], Type: 'EQUAL' as const }];
        const pages = await allPages(
          'ssm:ListResourceComplianceSummaries',
          (NextToken) =>
            send(
              rec,
              'ssm',
              new ListResourceComplianceSummariesCommand({ Filters, MaxResults: 50, NextToken }),
              (c, o) => ssm.send(c, o),
              region,
            ),
          (p) => p.NextToken,
        );
        return pages.flatMap((p) =>
          p
            .ResourceComplianceSummaryItems!.filter((i) => i.ComplianceType === 'Patch')
            .map((i) => ({
              resourceId: i.ResourceId!,
              status: i.Status!,
              overallSeverity: i.OverallSeverity ?? null,
              nonCompliantCount: i.NonCompliantSummary?.NonCompliantCount ?? 0,
              executionTime: i.ExecutionSummary?.ExecutionTime?.toISOString() ?? null,
            })),
        );
      }),
  };
}
