import type { CheckContext } from '../../core/check.js';
import type { Result, Target } from '../../core/types.js';
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

/** `arn:<partition>:ec2:<region>:<account>:<path>`; snapshot ARNs carry no account. */
export function ec2Arn(target: Target, region: string, path: string, withAccount = true): string {
  const { account, partition } = accountOf(target);
  return `arn:${partition}:ec2:${region}:${withAccount ? account : ''}:${path}`;
}

/**
 * `regionalArn` for each region: the resource id of a service's state in one
 * region (e.g. the hub `hub/default`, or `detector/*` for a region that may
 * have none).
 */
export function regionResource(ctx: CheckContext<'aws'>, service: string, suffix: string): (region: string) => string {
  return (region) => regionalArn(ctx, service, region, suffix);
}

/** Judges every scanned region on its own; `judge` is handed the region and its resource id. */
export async function eachRegion(
  ctx: CheckContext<'aws'>,
  resourceOf: (region: string) => string,
  judge: (region: string, resource: string) => Promise<Result | Result[]>,
): Promise<Result[]> {
  return ctx.each(await ctx.aws.regions(), resourceOf, (region) => judge(region, resourceOf(region)));
}

/** Results, or the one not-applicable result about the whole account when there are none. */
export function orNone<M extends string>(ctx: CheckContext<'aws', M>, results: Result[], messageId: M): Result[] {
  return results.length ? results : [ctx.notApplicable(ctx.target.resource, messageId)];
}

/**
 * Every item of a per-region listing (EC2, EBS, VPC) judged on its own; a
 * region whose listing cannot be collected is one `error` on the region's
 * wildcard ARN; nothing listed anywhere is `none`, not applicable.
 */
export async function eachRegional<T, M extends string>(
  ctx: CheckContext<'aws', M>,
  none: M,
  listing: (region: string) => Promise<T[]>,
  regionResource: (region: string) => string,
  itemResource: (item: T) => string,
  judge: (item: T, region: string) => Promise<Result> | Result,
): Promise<Result[]> {
  const results = await eachRegion(ctx, regionResource, async (region) =>
    ctx.each(await listing(region), itemResource, async (item) => judge(item, region)),
  );
  return orNone(ctx, results, none);
}
