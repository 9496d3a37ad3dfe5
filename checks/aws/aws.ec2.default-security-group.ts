import { defineCheck } from '../../src/core/check.js';
import { ec2Arn, eachRegional } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.ec2.default-security-group',
    title: 'Default security groups allow no traffic',
    provider: 'aws',
    severity: 'medium',
    description:
      "Every VPC's security group named `default` (DescribeSecurityGroups filtered on group-name) has no rule at all in " +
      'DescribeSecurityGroupRules: neither ingress (EC2 creates one admitting the group itself) nor egress (EC2 creates one to 0.0.0.0/0). ' +
      'Resources launched without a group land in the default one; with no rules they reach nothing and nothing reaches them. ' +
      'A region without VPCs has no default group; no default group in any scanned region is not applicable.',
    remediation: 'Delete every inbound and outbound rule of the default security group, and give resources groups of their own.',
    messages: {
      empty: 'Default security group {groupId} of {vpcId} has no rules',
      hasRules: 'Default security group {groupId} of {vpcId} has {ingressRules} inbound and {egressRules} outbound rules',
      noDefaultGroups: 'No default security groups in the scanned regions',
    },
  },
  async run(ctx) {
    return eachRegional(
      ctx,
      'noDefaultGroups',
      (region) => ctx.aws.ec2.defaultSecurityGroups(region),
      (r) => ec2Arn(ctx.target, r, 'security-group/*'),
      (g) => g.arn,
      async (g, region) => {
        const rules = (await ctx.aws.ec2.securityGroupRules(region)).filter((r) => r.groupId === g.groupId);
        const ingressRules = rules.filter((r) => !r.isEgress).length;
        const observed = { groupId: g.groupId, vpcId: g.vpcId, region, ingressRules, egressRules: rules.length - ingressRules };
        return rules.length === 0 ? ctx.pass(g.arn, 'empty', observed) : ctx.fail(g.arn, 'hasRules', observed);
      },
    );
  },
});
