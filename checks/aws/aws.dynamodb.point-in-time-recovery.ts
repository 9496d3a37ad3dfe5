import { defineCheck } from '../../src/core/check.js';
import { eachRegion, orNone, regionalArn } from '../../src/judging/aws/regional.js';

export default defineCheck({
  meta: {
    id: 'aws.dynamodb.point-in-time-recovery',
    title: 'DynamoDB tables have point-in-time recovery',
    provider: 'aws',
    severity: 'medium',
    description:
      'Every DynamoDB table, in every scanned region, has point-in-time recovery on: DescribeContinuousBackups answers ' +
      'PointInTimeRecoveryStatus ENABLED. DISABLED, or an answer without a point-in-time recovery description, is a fail. ' +
      'The recovery period (1–35 days, 35 when DynamoDB reports none) is recorded. No table in any scanned region is not applicable.',
    remediation: 'Turn on point-in-time recovery for the table (DynamoDB > Tables > Backups > Point-in-time recovery > Edit).',
    messages: {
      enabled: 'Table {table} has point-in-time recovery ({recoveryPeriodInDays} days)',
      disabled: 'Table {table} has no point-in-time recovery ({pointInTimeRecoveryStatus})',
      noTables: 'No DynamoDB tables in the scanned regions',
    },
  },
  async run(ctx) {
    const results = await eachRegion(
      ctx,
      (region) => regionalArn(ctx, 'dynamodb', region, 'table/*'),
      async (region) =>
        ctx.each(
          await ctx.aws.dynamodb.tables(region),
          (t) => t.arn,
          async (t) => {
            const b = await ctx.aws.dynamodb.continuousBackups(region, t.name);
            const o = { table: t.name, region, pointInTimeRecoveryStatus: b.pointInTimeRecoveryStatus ?? 'none reported' };
            return b.pointInTimeRecoveryStatus === 'ENABLED'
              ? ctx.pass(t.arn, 'enabled', { ...o, recoveryPeriodInDays: b.recoveryPeriodInDays ?? 35 })
              : ctx.fail(t.arn, 'disabled', o);
          },
        ),
    );
    return orNone(ctx, results, 'noTables');
  },
});
