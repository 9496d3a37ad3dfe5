import type {
  DescribeInstancesCommandOutput,
  DescribeNetworkInterfacesCommandOutput,
  DescribeSecurityGroupRulesCommandOutput,
  DescribeSecurityGroupsCommandOutput,
} from '@aws-sdk/client-ec2';
import type { FactScope } from '../../core/facts.js';
import type { AwsClients } from './clients.js';
import { EC2_PAGE, ec2Pages } from './ec2-pages.js';
import type { AwsFacts } from './types.js';
import { sdk } from './sdk.js';

const { DescribeInstancesCommand, DescribeNetworkInterfacesCommand, DescribeSecurityGroupRulesCommand, DescribeSecurityGroupsCommand } =
  sdk('@aws-sdk/client-ec2');

interface Ec2FactOptions {
  accountId: string;
  partition: string;
}

/**
 * EC2 facts, per region, each from one paginated list call: every security
 * group rule (DescribeSecurityGroupRules, not a read per group), the
 * default groups, the network interfaces that hold groups, and instances
 * with their metadata options.
 */
export function ec2Facts(scope: FactScope, clients: AwsClients, options: Ec2FactOptions): AwsFacts['ec2'] {
  const arn = (region: string, kind: string, id: string) => `arn:${options.partition}:ec2:${region}:${options.accountId}:${kind}/${id}`;
  return {
    securityGroupRules: (region) =>
      scope.fact(`aws.ec2.securityGroupRules(${region})`, async (rec) => {
        const rules = await ec2Pages(
          rec,
          clients.ec2(region),
          region,
          (NextToken) => new DescribeSecurityGroupRulesCommand({ MaxResults: EC2_PAGE, NextToken }),
          (page: DescribeSecurityGroupRulesCommandOutput) => page.SecurityGroupRules!,
        );
        return rules.map((r) => ({
          ruleId: r.SecurityGroupRuleId!,
          groupId: r.GroupId!,
          isEgress: r.IsEgress!,
          ipProtocol: r.IpProtocol!,
          fromPort: r.FromPort ?? null,
          toPort: r.ToPort ?? null,
          cidrIpv4: r.CidrIpv4 ?? null,
          cidrIpv6: r.CidrIpv6 ?? null,
          prefixListId: r.PrefixListId ?? null,
          referencedGroupId: r.ReferencedGroupInfo?.GroupId ?? null,
          description: r.Description ?? null,
        }));
      }),
    defaultSecurityGroups: (region) =>
      scope.fact(`aws.ec2.defaultSecurityGroups(${region})`, async (rec) => {
        const groups = await ec2Pages(
          rec,
          clients.ec2(region),
          region,
          (NextToken) =>
            new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }], MaxResults: EC2_PAGE, NextToken }),
          (page: DescribeSecurityGroupsCommandOutput) => page.SecurityGroups!,
        );
        return groups.map((g) => ({
          groupId: g.GroupId!,
          groupName: g.GroupName!,
          vpcId: g.VpcId ?? null,
          arn: g.SecurityGroupArn ?? arn(region, 'security-group', g.GroupId!),
        }));
      }),
    networkInterfaces: (region) =>
      scope.fact(`aws.ec2.networkInterfaces(${region})`, async (rec) => {
        const interfaces = await ec2Pages(
          rec,
          clients.ec2(region),
          region,
          (NextToken) => new DescribeNetworkInterfacesCommand({ MaxResults: EC2_PAGE, NextToken }),
          (page: DescribeNetworkInterfacesCommandOutput) => page.NetworkInterfaces!,
        );
        return interfaces.map((n) => ({
          networkInterfaceId: n.NetworkInterfaceId!,
          status: n.Status ?? null,
          interfaceType: n.InterfaceType ?? null,
          instanceId: n.Attachment?.InstanceId ?? null,
          description: n.Description || null,
          groupIds: n.Groups!.map((g) => g.GroupId!),
        }));
      }),
    instances: (region) =>
      scope.fact(`aws.ec2.instances(${region})`, async (rec) => {
        const reservations = await ec2Pages(
          rec,
          clients.ec2(region),
          region,
          (NextToken) => new DescribeInstancesCommand({ MaxResults: EC2_PAGE, NextToken }),
          (page: DescribeInstancesCommandOutput) => page.Reservations!,
        );
        return reservations.flatMap((r) =>
          r.Instances!.map((i) => ({
            instanceId: i.InstanceId!,
            arn: arn(region, 'instance', i.InstanceId!),
            region,
            state: i.State?.Name ?? null,
            httpTokens: i.MetadataOptions?.HttpTokens ?? null,
            httpEndpoint: i.MetadataOptions?.HttpEndpoint ?? null,
            metadataState: i.MetadataOptions?.State ?? null,
          })),
        );
      }),
  };
}
