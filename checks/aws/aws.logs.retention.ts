import { defineCheck } from '../../src/core/check.js';
import { eachRegion, orNone, regionResource } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.logs.retention',
    title: 'Log groups keep events long enough, under a KMS key',
    provider: 'aws',
    severity: 'medium',
    description:
      'Every CloudWatch Logs log group in every scanned region (DescribeLogGroups) keeps its events at least `minRetentionDays` days ' +
      '(retentionInDays; absent means events never expire, which passes) and is encrypted with a KMS key (kmsKeyId; absent means ' +
      "CloudWatch Logs' own service keys, which the account cannot control or audit). A short retention is reported first, with the key " +
      'recorded. One result per log group; a region whose groups cannot be listed is one error; no log group anywhere is not applicable.',
    remediation: "Set the log group's retention (Actions > Edit retention setting) and associate a KMS key (`aws logs associate-kms-key`).",
    messages: {
      kept: 'Log group {logGroup} keeps events {retention} under KMS key {kmsKeyId}',
      shortRetention: 'Log group {logGroup} keeps events {retentionInDays} days, fewer than {minRetentionDays}',
      notKmsEncrypted: 'Log group {logGroup} is not encrypted with a KMS key',
      noLogGroups: 'No log groups in the scanned regions',
    },
    settings: {
      minRetentionDays: { type: 'integer', default: 365, description: 'Least acceptable retention, in days.' },
    },
  },
  async run(ctx) {
    const { minRetentionDays } = ctx.settings;
    const results = await eachRegion(ctx, regionResource(ctx, 'logs', 'log-group:*'), async (region) => {
      const groups = await ctx.aws.logs.logGroups(region);
      return groups.map((g) => {
        const observed = {
          logGroup: g.name,
          region,
          retentionInDays: g.retentionInDays,
          retention: g.retentionInDays === null ? 'for ever' : `${g.retentionInDays} days`,
          kmsKeyId: g.kmsKeyId,
          minRetentionDays,
        };
        if (g.retentionInDays !== null && g.retentionInDays < minRetentionDays) return ctx.fail(g.arn, 'shortRetention', observed);
        return g.kmsKeyId ? ctx.pass(g.arn, 'kept', observed) : ctx.fail(g.arn, 'notKmsEncrypted', observed);
      });
    });
    return orNone(ctx, results, 'noLogGroups');
  },
});
