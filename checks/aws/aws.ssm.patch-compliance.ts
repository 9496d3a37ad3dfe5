import { defineCheck } from '../../src/core/check.js';
import { eachRegion, orNone, regionalArn } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.ssm.patch-compliance',
    title: 'Managed instances are patched',
    provider: 'aws',
    severity: 'high',
    description:
      'Every node Systems Manager manages (DescribeInstanceInformation: EC2 instances and hybrid nodes), in every scanned region, is ' +
      'COMPLIANT with its patch baseline in its Patch compliance summary (ListResourceComplianceSummaries, ComplianceType Patch). ' +
      'NON_COMPLIANT fails with the count of missing or failed patches; a managed node with no Patch compliance summary (never scanned ' +
      "by a patch operation) fails, since nothing shows it patched. The node's ping status and last patch operation time are recorded. " +
      'No managed node in any scanned region is not applicable.',
    remediation:
      'Run AWS-RunPatchBaseline (Install) on the node, for example through a Patch Manager patch policy, and fix failed installations.',
    messages: {
      compliant: 'Node {instanceId} is compliant with its patch baseline',
      nonCompliant:
        'Node {instanceId} is not compliant with its patch baseline ({nonCompliantCount} patches missing or failed, {overallSeverity})',
      noPatchData: 'Node {instanceId} has no patch compliance data: it was never scanned against a patch baseline',
      noInstances: 'No nodes managed by Systems Manager in the scanned regions',
    },
  },
  async run(ctx) {
    const results = await eachRegion(
      ctx,
      (region) => regionalArn(ctx, 'ssm', region, 'managed-instance/*'),
      async (region) => {
        const [nodes, compliance] = await Promise.all([ctx.aws.ssm.managedNodes(region), ctx.aws.ssm.patchCompliance(region)]);
        const byId = new Map(compliance.map((c) => [c.resourceId, c]));
        return nodes.map((n) => {
          const resource = nodeArn(ctx, region, n.id, n.resourceType);
          const o = { instanceId: n.id, region, pingStatus: n.pingStatus, resourceType: n.resourceType, platform: n.platform };
          const c = byId.get(n.id);
          if (!c) return ctx.fail(resource, 'noPatchData', o);
          const withPatch = {
            ...o,
            status: c.status,
            overallSeverity: c.overallSeverity ?? 'UNSPECIFIED',
            nonCompliantCount: c.nonCompliantCount,
            executionTime: c.executionTime,
          };
          return c.status === 'COMPLIANT' ? ctx.pass(resource, 'compliant', withPatch) : ctx.fail(resource, 'nonCompliant', withPatch);
        });
      },
    );
    return orNone(ctx, results, 'noInstances');
  },
});

/** EC2 instances by their EC2 ARN; hybrid nodes (`mi-…`) by their SSM managed-instance ARN. */
function nodeArn(ctx: Parameters<typeof regionalArn>[0], region: string, id: string, resourceType: string | null): string {
  return resourceType === 'ManagedInstance' || id.startsWith('mi-')
    ? regionalArn(ctx, 'ssm', region, `managed-instance/${id}`)
    : regionalArn(ctx, 'ec2', region, `instance/${id}`);
}
