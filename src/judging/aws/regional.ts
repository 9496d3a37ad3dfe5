import type { CheckContext } from '../../core/check.js';
import type { Result } from '../../core/types.js';
import { accountOf } from './judge.js';

/**
 * Judging per scanned region: each region is judged on its own, so a region
 * whose facts cannot be read is one `error` for that region's resource and
 * leaves the others alone.
 */

/** `arn:<partition>:<service>:<region>:<account>:<resource>`: the id of a region-wide result (`resource` a wildcard like `db:*`). */
export function regionalArn(ctx: CheckContext<'aws'>, service: string, region: string, resource: string): string {
  const { account, partition } = accountOf(ctx.target);
  return `arn:${partition}:${service}:${region}:${account}:${resource}`;
}

export async function eachRegion(
  ctx: CheckContext<'aws'>,
  resourceOf: (region: string) => string,
  judge: (region: string) => Promise<Result | Result[]>,
): Promise<Result[]> {
  return ctx.each(await ctx.aws.regions(), resourceOf, judge);
}

/** Results, or the one not-applicable result about the whole account when there are none. */
export function orNone<M extends string>(ctx: CheckContext<'aws', M>, results: Result[], messageId: M): Result[] {
  return results.length ? results : [ctx.notApplicable(ctx.target.resource, messageId)];
}
