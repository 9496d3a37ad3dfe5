import { defineCheck } from '../../src/core/check.js';
import type { CheckContext } from '../../src/core/check.js';
import { eachRegion, orNone, regionalArn } from '../../src/judging/aws/regional.js';
import { settleAll } from '../../src/core/settle.js';

/** Instances on their way out: Systems Manager cannot manage them any more. */
const GONE = new Set(['shutting-down', 'terminated']);

export default defineCheck({
  meta: {
    id: 'aws.ssm.patch-compliance',
    title: 'Instances are managed and patched',
    provider: 'aws',
    severity: 'high',
    description:
      'Every node Systems Manager manages (DescribeInstanceInformation: EC2 instances and hybrid nodes), in every scanned region, is ' +
      'COMPLIANT with its patch baseline in its Patch compliance summary (ListResourceComplianceSummaries, ComplianceType Patch). ' +
      'NON_COMPLIANT fails with the count of missing or failed patches; a managed node with no Patch compliance summary (never scanned ' +
      "by a patch operation) fails, since nothing shows it patched. The node's ping status and last patch operation time are recorded. " +
      'Every EC2 instance (DescribeInstances) that Systems Manager does not manage fails as unmanaged, unless it is shutting down or ' +
      'terminated. No managed node and no instance in any scanned region is not applicable.',
    remediation:
      'Install and register the SSM Agent (an instance profile with AmazonSSMManagedInstanceCore), then run AWS-RunPatchBaseline (Install) ' +
      'on the node, for example through a Patch Manager patch policy, and fix failed installations.',
    messages: {
      compliant: 'Node {instanceId} is compliant with its patch baseline',
      nonCompliant:
        'Node {instanceId} is not compliant with its patch baseline ({nonCompliantCount} patches missing or failed, {overallSeverity})',
      noPatchData: 'Node {instanceId} has no patch compliance data: it was never scanned against a patch baseline',
      notManaged: 'Instance {instanceId} is not managed by Systems Manager: its patching is not evidenced',
      noInstances: 'No EC2 instances or managed nodes in the scanned regions',
    },
  },
  async run(ctx) {
    const results = await eachRegion(
      ctx,
      (region) => regionalArn(ctx, 'ssm', region, 'managed-instance/*'),
      async (region) => [...(await managed(ctx, region)), ...(await unmanaged(ctx, region))],
    );
    return orNone(ctx, results, 'noInstances');
  },
});

type Ctx = CheckContext<'aws', 'compliant' | 'nonCompliant' | 'noPatchData' | 'notManaged'>;

async function managed(ctx: Ctx, region: string) {
  const [nodes, compliance] = await settleAll([ctx.aws.ssm.managedNodes(region), ctx.aws.ssm.patchCompliance(region)]);
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
}

/** EC2 instances of the region that no managed node names; a denied instance listing errors only this part. */
async function unmanaged(ctx: Ctx, region: string) {
  return ctx.each(
    [region],
    (r) => regionalArn(ctx, 'ec2', r, 'instance/*'),
    async (r) => {
      const managedIds = new Set((await ctx.aws.ssm.managedNodes(r)).map((n) => n.id));
      return (await ctx.aws.ec2.instances(r))
        .filter((i) => !managedIds.has(i.instanceId) && !GONE.has(i.state ?? ''))
        .map((i) => ctx.fail(i.arn, 'notManaged', { instanceId: i.instanceId, region: r, state: i.state }));
    },
  );
}

/** EC2 instances by their EC2 ARN; hybrid nodes (`mi-…`) by their SSM managed-instance ARN. */
function nodeArn(ctx: Ctx, region: string, id: string, resourceType: string | null): string {
  return resourceType === 'ManagedInstance' || id.startsWith('mi-')
    ? regionalArn(ctx, 'ssm', region, `managed-instance/${id}`)
    : regionalArn(ctx, 'ec2', region, `instance/${id}`);
}
