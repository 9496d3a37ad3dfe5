import { defineCheck } from '../../src/core/check.js';
import { ec2Arn, eachRegional } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.vpc.flow-logs',
    title: 'Every VPC has an active flow log',
    provider: 'aws',
    severity: 'medium',
    description:
      'Every VPC (DescribeVpcs) in every scanned region has a flow log on the VPC itself (DescribeFlowLogs, ResourceId the VPC id) ' +
      'whose FlowLogStatus is ACTIVE and whose DeliverLogsStatus is not FAILED (FAILED: the destination refuses the records, ' +
      'DeliverLogsErrorMessage says why — Access error, Rate limited). Flow logs on subnets or network interfaces only cover part of the ' +
      'VPC and do not count. Any TrafficType (ALL, ACCEPT, REJECT) counts and is recorded. No VPC in any scanned region is not applicable.',
    remediation:
      'Create a flow log on the VPC (traffic type ALL) to CloudWatch Logs or S3, with a role or bucket policy that lets it deliver.',
    messages: {
      active: 'VPC {vpcId} has an active flow log ({flowLogIds})',
      none: 'VPC {vpcId} has no flow log',
      notDelivering: 'VPC {vpcId} has flow logs that do not deliver: {deliveryErrors}',
      noVpcs: 'No VPCs in the scanned regions',
    },
  },
  async run(ctx) {
    return eachRegional(
      ctx,
      'noVpcs',
      (region) => ctx.aws.vpc.vpcs(region),
      (r) => ec2Arn(ctx.target, r, 'vpc/*'),
      (v) => v.arn,
      async (v, region) => {
        const logs = (await ctx.aws.vpc.flowLogs(region)).filter((f) => f.resourceId === v.vpcId);
        const working = logs.filter((f) => f.flowLogStatus === 'ACTIVE' && f.deliverLogsStatus !== 'FAILED');
        const observed = {
          vpcId: v.vpcId,
          region,
          isDefault: v.isDefault,
          flowLogIds: working.map((f) => `${f.flowLogId}, traffic ${f.trafficType}`).join('; '),
          flowLogs: logs.map((f) => ({ id: f.flowLogId, status: f.flowLogStatus, delivery: f.deliverLogsStatus, traffic: f.trafficType })),
        };
        if (working.length) return ctx.pass(v.arn, 'active', observed);
        if (logs.length === 0) return ctx.fail(v.arn, 'none', observed);
        const deliveryErrors = logs.map((f) => `${f.flowLogId}: ${f.deliverLogsErrorMessage ?? f.flowLogStatus ?? 'unknown'}`).join('; ');
        return ctx.fail(v.arn, 'notDelivering', { ...observed, deliveryErrors });
      },
    );
  },
});
