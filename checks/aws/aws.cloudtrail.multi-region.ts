import { defineCheck } from '../../src/core/check.js';
import { multiRegionTrails, problemList, providedByOrganization, trailOwner } from '../../src/judging/aws/cloudtrail.js';

export default defineCheck({
  meta: {
    id: 'aws.cloudtrail.multi-region',
    title: 'A multi-Region trail records management events',
    provider: 'aws',
    severity: 'high',
    description:
      'At least one trail the account sees — its own, or an organisation trail of its AWS Organization (DescribeTrails with shadow trails, ' +
      'read once in the home Region, lists both) — is multi-Region (IsMultiRegionTrail), is logging now (GetTrailStatus IsLogging), has no ' +
      'LatestDeliveryError, and records management read and write events: a trail without custom selectors (HasCustomEventSelectors false) ' +
      'records all of them; otherwise GetEventSelectors must include them — basic selectors with IncludeManagementEvents (default true) and ' +
      'ReadWriteType All (the default) or ReadOnly plus WriteOnly; advanced selectors with eventCategory = Management and no readOnly field, ' +
      'or readOnly true plus false. Event sources excluded from management events are recorded, not judged. An organisation trail counts ' +
      'for a member account: the organisation provides it. One result per account; a trail whose status or selectors cannot be read makes ' +
      'the result an error only when no other trail qualifies.',
    remediation:
      'Create a multi-Region trail (or an organisation trail in the management account) that logs all management events, and start logging.',
    messages: {
      recording: 'Trail {trail} records management read and write events in every Region',
      organizationTrail: "Organisation trail {trail} of account {owner} records this account's management events in every Region",
      noMultiRegionTrail: 'No multi-Region trail (trails: {trails})',
      notRecording: 'No multi-Region trail records every management event now: {problems}',
    },
  },
  async run(ctx) {
    const resource = ctx.target.resource;
    const { judged, errors } = await multiRegionTrails(ctx);
    const good = judged.find((j) => j.problems.length === 0);
    if (good) {
      const owner = trailOwner(good.trail);
      const observed = { trail: good.trail.arn, owner, organization: good.trail.organization, homeRegion: good.trail.homeRegion };
      return [
        good.trail.organization && providedByOrganization(ctx, good.trail)
          ? ctx.pass(resource, 'organizationTrail', observed)
          : ctx.pass(resource, 'recording', observed),
      ];
    }
    const [error] = errors;
    if (error) return [ctx.error(resource, error)];
    if (judged.length === 0) {
      return [ctx.fail(resource, 'noMultiRegionTrail', { trails: (await ctx.aws.cloudtrail.trails()).map((t) => t.arn) })];
    }
    return [ctx.fail(resource, 'notRecording', { problems: problemList(judged) })];
  },
});
