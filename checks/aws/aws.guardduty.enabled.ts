import { defineCheck } from '../../src/core/check.js';
import { daysSince } from '../../src/judging/aws/judge.js';
import { eachRegion, regionResource } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.guardduty.enabled',
    title: 'GuardDuty watches every region',
    provider: 'aws',
    severity: 'high',
    description:
      'In every scanned region, GuardDuty has a detector (ListDetectors; none means GuardDuty is not enabled there, which fails) whose ' +
      'status is ENABLED (GetDetector; SUSPENDED fails), and no finding of high severity or above (severity ≥ 7.0: High and Critical) that ' +
      'is not archived was first seen (createdAt) more than `maxFindingAgeDays` days ago: such findings fail with their count. A member ' +
      'account of a delegated GuardDuty administrator has its own detector (the administrator enables it) and sees its own findings, so it ' +
      'is judged on them. One result per region.',
    remediation:
      "Enable GuardDuty in every region (an organisation's delegated administrator can auto-enable it), and triage or archive old high-severity findings.",
    messages: {
      watching:
        'GuardDuty detector {detectorId} is enabled in {region} ({highFindings} high-severity findings, none older than {maxFindingAgeDays} days)',
      notEnabled: 'GuardDuty is not enabled in {region} (no detector)',
      suspended: 'GuardDuty detector {detectorId} in {region} is {status}',
      staleFindings: '{staleFindings} high-severity findings in {region} are older than {maxFindingAgeDays} days',
    },
    settings: {
      maxFindingAgeDays: {
        type: 'integer',
        default: 30,
        description: 'Oldest acceptable age (days since first seen) of an open finding of severity 7 or more.',
      },
    },
  },
  async run(ctx) {
    const { maxFindingAgeDays } = ctx.settings;
    return eachRegion(ctx, regionResource(ctx, 'guardduty', 'detector/*'), async (region, resource) => {
      const detectors = await ctx.aws.guardduty.detectors(region);
      const detector = detectors.find((d) => d.status === 'ENABLED') ?? detectors[0];
      if (!detector) return ctx.fail(resource, 'notEnabled', { region, detectors: [] });
      const observed = { region, detectorId: detector.id, status: detector.status };
      if (detector.status !== 'ENABLED') return ctx.fail(resource, 'suspended', observed);
      const findings = await ctx.aws.guardduty.highFindings(region, detector.id);
      const stale = findings.filter((f) => (daysSince(f.createdAt, ctx.now) ?? Infinity) > maxFindingAgeDays);
      const counted = { ...observed, highFindings: findings.length, staleFindings: stale.length, maxFindingAgeDays };
      return stale.length
        ? ctx.fail(resource, 'staleFindings', {
            ...counted,
            stale: stale.map((f) => ({ id: f.id, type: f.type, severity: f.severity, createdAt: f.createdAt })),
          })
        : ctx.pass(resource, 'watching', counted);
    });
  },
});
