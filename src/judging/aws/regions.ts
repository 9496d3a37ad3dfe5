import type { CheckContext } from '../../core/check.js';
import type { Result } from '../../core/types.js';
import { accountOf } from './judge.js';

/**
 * The resource id of a service's state in one region of the target account,
 * `arn:<partition>:<service>:<region>:<account>:<suffix>` (e.g. the hub
 * `hub/default`, or `detector/*` for a region that may have none).
 */
export function regionResource(ctx: CheckContext<'aws'>, service: string, suffix: string): (region: string) => string {
  const { account, partition } = accountOf(ctx.target);
  return (region) => `arn:${partition}:${service}:${region}:${account}:${suffix}`;
}

/** Judges every scanned region on its own: a fact that cannot be collected in one region makes only that region `error`. */
export async function eachRegion(
  ctx: CheckContext<'aws'>,
  resourceOf: (region: string) => string,
  judge: (region: string, resource: string) => Promise<Result | Result[]>,
): Promise<Result[]> {
  const regions = await ctx.aws.regions();
  return ctx.each(regions, resourceOf, (region) => judge(region, resourceOf(region)));
}
