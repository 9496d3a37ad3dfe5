import { defineCheck } from '../../src/core/check.js';
import { ec2Arn, eachRegional } from '../../src/judging/aws/regional.js';
import { describeRule, exposedPorts, fromInternet, holdersOf } from '../../src/judging/aws/security-groups.js';
import type { SecurityGroupRule } from '../../src/providers/aws/types.js';

export default defineCheck({
  meta: {
    id: 'aws.ec2.security-group-ingress',
    title: 'No security group opens administration or database ports to the internet',
    provider: 'aws',
    severity: 'high',
    description:
      'In every scanned region, no security group has an ingress rule (DescribeSecurityGroupRules, IsEgress false) from CidrIpv4 ' +
      '0.0.0.0/0 or CidrIpv6 ::/0 that opens every port (IpProtocol -1, whose FromPort/ToPort are -1; or a TCP/UDP range 0-65535) or a ' +
      'TCP range covering one of `ports`. ICMP rules carry a type and code, not ports, and are not judged. Rules from a referenced ' +
      'security group admit that group only, and rules from a prefix list admit its entries, which are not read: neither is judged as the ' +
      'internet. One result per group that has any rule; a failure names each open rule and whether a network interface holds the group.',
    remediation: 'Remove the rule, or narrow its source to known addresses; reach servers through Session Manager or a VPN instead.',
    messages: {
      closed: 'Security group {groupId} opens nothing to the internet on all ports or on {ports}',
      open: 'Security group {groupId} allows {openRules}; {attachment}',
      noGroups: 'No security groups in the scanned regions',
    },
    settings: {
      ports: {
        type: 'integer[]',
        default: [22, 3389, 5432, 3306, 1433, 6379, 9200, 27017],
        description: 'TCP ports that must not be open to 0.0.0.0/0 or ::/0 (administration and database ports).',
      },
    },
  },
  async run(ctx) {
    const { ports } = ctx.settings;
    const groupsOf = async (region: string) => {
      const byGroup = new Map<string, SecurityGroupRule[]>();
      for (const r of await ctx.aws.ec2.securityGroupRules(region)) byGroup.set(r.groupId, [...(byGroup.get(r.groupId) ?? []), r]);
      return [...byGroup].map(([groupId, rules]) => ({ groupId, rules, arn: ec2Arn(ctx.target, region, `security-group/${groupId}`) }));
    };
    return eachRegional(
      ctx,
      'noGroups',
      groupsOf,
      (r) => ec2Arn(ctx.target, r, 'security-group/*'),
      (g) => g.arn,
      async (g, region) => {
        const open = g.rules.filter((r) => fromInternet(r) && (exposedPorts(r, ports) === 'all' || exposedPorts(r, ports).length > 0));
        const observed = { groupId: g.groupId, region, ports: ports.join(', ') };
        if (open.length === 0) return ctx.pass(g.arn, 'closed', observed);
        const holders = holdersOf(g.groupId, await ctx.aws.ec2.networkInterfaces(region));
        const attachment = holders.length ? `attached to ${holders.join(', ')}` : 'attached to no network interface';
        return ctx.fail(g.arn, 'open', { ...observed, openRules: open.map(describeRule).join(', '), attachment, attachedTo: holders });
      },
    );
  },
});
