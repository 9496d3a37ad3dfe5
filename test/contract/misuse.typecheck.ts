/**
 * Compiled by `npm run typecheck`, never run: each `@ts-expect-error` below is
 * a misuse of the check contract that must not compile. If one ever compiles,
 * tsc reports the directive as unused and the typecheck fails.
 */
import { defineCheck, type CheckContext } from '../../src/core/check.js';
import { eachBucket } from '../../src/judging/aws/judge.js';

export const misspelledMessageId = defineCheck({
  meta: {
    id: 'aws.sample.misspelled',
    title: 'sample',
    provider: 'aws',
    severity: 'low',
    description: 'A message id that the metadata does not declare.',
    remediation: 'none',
    messages: { ok: 'fine' },
  },
  async run(ctx) {
    // @ts-expect-error 'okk' is not a declared message id
    return [ctx.pass('r', 'okk')];
  },
});

export const helperMessageNotDeclared = defineCheck({
  meta: {
    id: 'aws.sample.helper',
    title: 'sample',
    provider: 'aws',
    severity: 'low',
    description: 'Uses eachBucket, which reports noBuckets, without declaring it.',
    remediation: 'none',
    messages: { ok: 'fine' },
  },
  async run(ctx) {
    // @ts-expect-error eachBucket reports 'noBuckets', which this check does not declare
    return eachBucket(ctx, async (b) => ctx.pass(b.arn, 'ok'));
  },
});

export const settingOfTheWrongType = defineCheck({
  meta: {
    id: 'aws.sample.settings',
    title: 'sample',
    provider: 'aws',
    severity: 'low',
    description: 'Reads its settings with their declared types.',
    remediation: 'none',
    messages: { ok: 'fine' },
    settings: {
      maxDays: { type: 'integer', default: 90, description: 'days' },
      names: { type: 'string[]', default: ['a'], description: 'names' },
      limit: { type: 'integer', default: null, nullable: true, description: 'no limit when null' },
    },
  },
  async run(ctx) {
    const days: number = ctx.settings.maxDays;
    const names: string[] = ctx.settings.names;
    // @ts-expect-error a nullable setting may be null
    const limit: number = ctx.settings.limit;
    // @ts-expect-error an integer setting is not a string
    const asText: string = ctx.settings.maxDays;
    // @ts-expect-error no such setting
    void ctx.settings.unknown;
    return [ctx.pass('r', 'ok', { days, names, limit, asText })];
  },
});

/** A helper that reports nothing accepts any check's context. */
export const anyContext = (ctx: CheckContext<'aws'>) => ctx.target.id;

/** The same helper compiles once the check declares the message it reports. */
export const helperMessageDeclared = defineCheck({
  meta: {
    id: 'aws.sample.helper-declared',
    title: 'sample',
    provider: 'aws',
    severity: 'low',
    description: 'Declares noBuckets.',
    remediation: 'none',
    messages: { ok: 'fine', noBuckets: 'no buckets' },
  },
  async run(ctx) {
    return eachBucket(ctx, async (b) => ctx.pass(b.arn, 'ok'));
  },
});

/** noUncheckedIndexedAccess: an element read by index may be missing, so a check must say what happens then. */
export const firstRegion = (regions: readonly string[]): string =>
  // @ts-expect-error regions[0] is string | undefined: an empty list is not a region
  regions[0];
