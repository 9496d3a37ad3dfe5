import { defineCheck } from '../../src/core/check.js';
import { daysSince } from '../../src/judging/aws/judge.js';
import { eachRegion, regionResource } from '../../src/judging/aws/regional.js';

const SCAN_TYPES = ['ec2', 'ecr', 'lambda'] as const;

export default defineCheck({
  meta: {
    id: 'aws.inspector.enabled',
    title: 'Amazon Inspector scans for vulnerabilities',
    provider: 'aws',
    severity: 'high',
    description:
      "In every scanned region, Amazon Inspector is ENABLED for the account (BatchGetAccountStatus for the caller's own account, which " +
      'reports it whether the account enabled Inspector itself or a delegated administrator enabled it for the organisation) with EC2, ECR ' +
      'and Lambda scanning each ENABLED. A region where Inspector was never enabled answers DISABLED: a fail, not an error; so is any other ' +
      'status (ENABLING, SUSPENDED, …) or a scan type the answer leaves out. Where it is on, ACTIVE findings of severity CRITICAL first ' +
      'observed more than `maxCriticalAgeDays` days ago (ListFindings filtered on severity and status) fail the region with their count.',
    remediation:
      'Activate Amazon Inspector in each region (or from the delegated administrator for all members) with EC2, ECR and Lambda scanning, and remediate or suppress critical findings.',
    messages: {
      scanning:
        'Inspector scans EC2, ECR and Lambda in {region}; {criticalCount} active critical findings, none older than {maxCriticalAgeDays} days',
      notEnabled: 'Inspector is {status} in {region}',
      scanTypesOff: 'Inspector in {region} does not scan {notScanning}',
      oldCriticalFindings: '{oldCriticalCount} active critical findings in {region} are older than {maxCriticalAgeDays} days',
    },
    settings: {
      maxCriticalAgeDays: {
        type: 'integer',
        default: 30,
        description: 'Days a critical finding may stay active before it fails the region.',
      },
    },
  },
  async run(ctx) {
    const { maxCriticalAgeDays } = ctx.settings;
    return eachRegion(ctx, regionResource(ctx, 'inspector2', '*'), async (region, resource) => {
      const s = await ctx.aws.inspector.status(region);
      const o = { region, status: s.status, ec2: s.ec2, ecr: s.ecr, lambda: s.lambda };
      if (s.status !== 'ENABLED') return ctx.fail(resource, 'notEnabled', o);
      const notScanning = SCAN_TYPES.filter((t) => s[t] !== 'ENABLED');
      if (notScanning.length) return ctx.fail(resource, 'scanTypesOff', { ...o, notScanning });
      const findings = await ctx.aws.inspector.activeCriticalFindings(region);
      const old = findings.filter((f) => (daysSince(f.firstObservedAt, ctx.now) ?? Infinity) > maxCriticalAgeDays);
      const counts = { ...o, criticalCount: findings.length, oldCriticalCount: old.length, maxCriticalAgeDays };
      return old.length
        ? ctx.fail(resource, 'oldCriticalFindings', { ...counts, oldest: old.slice(0, 10).map((f) => f.arn) })
        : ctx.pass(resource, 'scanning', counts);
    });
  },
});
