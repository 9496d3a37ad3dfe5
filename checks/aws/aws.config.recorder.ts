import { defineCheck } from '../../src/core/check.js';
import type { ConfigRecorder } from '../../src/providers/aws/monitoring-types.js';
import { eachRegion, regionResource } from '../../src/judging/aws/regional.js';

/** Whether the recorder records `type`, by its recording strategy (absent: allSupported decides, as before strategies existed). */
function records(r: ConfigRecorder, type: string): boolean {
  const strategy = r.strategy ?? (r.allSupported ? 'ALL_SUPPORTED_RESOURCE_TYPES' : 'INCLUSION_BY_RESOURCE_TYPES');
  if (strategy === 'ALL_SUPPORTED_RESOURCE_TYPES') return true;
  if (strategy === 'EXCLUSION_BY_RESOURCE_TYPES') return !r.excludedResourceTypes.includes(type);
  return r.resourceTypes.includes(type);
}

/** What the recorder leaves out of what is required: every supported type, or the configured ones. */
function scopeProblem(r: ConfigRecorder, required: string[]): string | null {
  if (required.length) {
    const missing = required.filter((t) => !records(r, t));
    return missing.length ? `does not record ${missing.join(', ')}` : null;
  }
  if (r.strategy === 'EXCLUSION_BY_RESOURCE_TYPES' && r.excludedResourceTypes.length)
    return `excludes ${r.excludedResourceTypes.join(', ')}`;
  if (r.strategy === 'INCLUSION_BY_RESOURCE_TYPES' || (!r.strategy && !r.allSupported))
    return `records only ${r.resourceTypes.join(', ') || 'no types'}`;
  return null;
}

export default defineCheck({
  meta: {
    id: 'aws.config.recorder',
    title: 'AWS Config records and delivers in every region',
    provider: 'aws',
    severity: 'medium',
    description:
      'In every scanned region, AWS Config has a customer-managed configuration recorder (DescribeConfigurationRecorders; none means Config ' +
      'is not enabled there, which fails; service-linked recorders are not counted) that records all supported resource types — strategy ' +
      'ALL_SUPPORTED_RESOURCE_TYPES (or allSupported without a strategy), or EXCLUSION_BY_RESOURCE_TYPES with nothing excluded — or, when ' +
      '`resourceTypes` is set, each of those types; is recording (DescribeConfigurationRecorderStatus recording true, last status not ' +
      'Failure); and delivers: a delivery channel exists (DescribeDeliveryChannelStatus) and its last configuration history delivery is not ' +
      'Failure. Global IAM types (includeGlobalResourceTypes) are recorded, not judged: they need recording in one region only. One result per region.',
    remediation:
      'Set up AWS Config in every region (Settings: record all resource types, an S3 delivery channel), or deploy it to the organisation.',
    messages: {
      recording: 'AWS Config records {scope} and delivers in {region}',
      notEnabled: 'AWS Config is not enabled in {region} (no configuration recorder)',
      incomplete: 'AWS Config in {region}: {problems}',
    },
    settings: {
      resourceTypes: {
        type: 'string[]',
        default: [],
        description: 'Resource types the recorder must record (e.g. AWS::EC2::SecurityGroup); empty: every supported type.',
      },
    },
  },
  async run(ctx) {
    const required = ctx.settings.resourceTypes;
    return eachRegion(ctx, regionResource(ctx, 'config', 'configuration-recorder/*'), async (region, resource) => {
      const [recorder] = await ctx.aws.config.recorders(region);
      if (!recorder) return ctx.fail(resource, 'notEnabled', { region, recorders: [] });
      const status = (await ctx.aws.config.recorderStatus(region)).find((s) => s.name === recorder.name);
      const delivery = await ctx.aws.config.deliveryStatus(region);
      const problems = [
        scopeProblem(recorder, required),
        !status?.recording && 'not recording',
        status?.lastStatus === 'Failure' && `last recording failed (${status.lastErrorCode ?? 'no code'})`,
        delivery.length === 0 && 'no delivery channel',
        delivery.some((d) => d.historyStatus === 'Failure') &&
          `delivery failed (${delivery.map((d) => d.historyError ?? 'no code').join(', ')})`,
      ].filter((p): p is string => Boolean(p));
      const observed = {
        region,
        recorder: recorder.name,
        scope: required.length ? required.join(', ') : 'all supported resource types',
        strategy: recorder.strategy,
        includeGlobalResourceTypes: recorder.includeGlobalResourceTypes,
        recording: status?.recording ?? false,
        deliveryChannels: delivery.map((d) => d.name),
      };
      return problems.length ? ctx.fail(resource, 'incomplete', { ...observed, problems }) : ctx.pass(resource, 'recording', observed);
    });
  },
});
