import type { DescribeFlowLogsCommandOutput, DescribeVpcsCommandOutput } from '@aws-sdk/client-ec2';
import type { FactScope } from '../../core/facts.js';
import type { AwsClients } from './clients.js';
import { EC2_PAGE, ec2Pages } from './ec2-pages.js';
import type { AwsFacts } from './types.js';
import { sdk } from './sdk.js';

const { DescribeFlowLogsCommand, DescribeVpcsCommand } = sdk('@aws-sdk/client-ec2');

interface VpcFactOptions {
  accountId: string;
  partition: string;
}

/** VPC facts, per region: the VPCs, and every flow log (on whatever resource) in one listing. */
export function vpcFacts(scope: FactScope, clients: AwsClients, options: VpcFactOptions): AwsFacts['vpc'] {
  return {
    vpcs: (region) =>
      scope.fact(`aws.vpc.vpcs(${region})`, async (rec) => {
        const vpcs = await ec2Pages(
          rec,
          clients.ec2(region),
          region,
          (NextToken) => new DescribeVpcsCommand({ MaxResults: EC2_PAGE, NextToken }),
          (page: DescribeVpcsCommandOutput) => page.Vpcs!,
        );
        return vpcs.map((v) => ({
          vpcId: v.VpcId!,
          arn: `arn:${options.partition}:ec2:${region}:${v.OwnerId ?? options.accountId}:vpc/${v.VpcId}`,
          region,
          isDefault: v.IsDefault === true,
          state: v.State ?? null,
          cidrBlock: v.CidrBlock ?? null,
        }));
      }),
    flowLogs: (region) =>
      scope.fact(`aws.vpc.flowLogs(${region})`, async (rec) => {
        const logs = await ec2Pages(
          rec,
          clients.ec2(region),
          region,
          (NextToken) => new DescribeFlowLogsCommand({ MaxResults: EC2_PAGE, NextToken }),
          (page: DescribeFlowLogsCommandOutput) => page.FlowLogs!,
        );
        return logs.map((f) => ({
          flowLogId: f.FlowLogId!,
          resourceId: f.ResourceId!,
          flowLogStatus: f.FlowLogStatus ?? null,
          deliverLogsStatus: f.DeliverLogsStatus ?? null,
          deliverLogsErrorMessage: f.DeliverLogsErrorMessage ?? null,
          trafficType: f.TrafficType ?? null,
          logDestinationType: f.LogDestinationType ?? null,
          logDestination: f.LogDestination ?? null,
        }));
      }),
  };
}
