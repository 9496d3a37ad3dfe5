import { defineCheck } from '../../src/core/check.js';
import { eachRegion, regionResource } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.securityhub.enabled',
    title: 'Security Hub runs a standard in every region',
    provider: 'aws',
    severity: 'medium',
    description:
      'In every scanned region, Security Hub is enabled (DescribeHub; InvalidAccessException "not subscribed" means it is not, which fails) ' +
      'and at least one standard subscription is READY (GetEnabledStandards; PENDING, FAILED, DELETING and INCOMPLETE ones are listed but ' +
      'not counted). A member account of a delegated Security Hub administrator is enabled in its own right (the administrator enables it ' +
      'and its standards there), so it is judged on its own hub. One result per region.',
    remediation:
      "Enable Security Hub with a standard (e.g. AWS Foundational Security Best Practices) in every region, or from the organisation's delegated administrator.",
    messages: {
      enabled: 'Security Hub is enabled in {region} with {standards}',
      notEnabled: 'Security Hub is not enabled in {region}',
      noStandard: 'Security Hub in {region} has no ready standard (subscriptions: {subscriptions})',
    },
  },
  async run(ctx) {
    return eachRegion(ctx, regionResource(ctx, 'securityhub', 'hub/default'), async (region, resource) => {
      const hub = await ctx.aws.securityhub.hub(region);
      if (!hub) return ctx.fail(resource, 'notEnabled', { region, hub: null });
      const subscriptions = await ctx.aws.securityhub.enabledStandards(region);
      const ready = subscriptions.filter((s) => s.status === 'READY').map((s) => s.standardsArn);
      const observed = {
        region,
        hubArn: hub.hubArn,
        standards: ready,
        subscriptions: subscriptions.map((s) => `${s.standardsArn} ${s.status}`),
      };
      return ready.length ? ctx.pass(resource, 'enabled', observed) : ctx.fail(resource, 'noStandard', observed);
    });
  },
});
