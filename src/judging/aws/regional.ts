import type { CheckContext } from '../../core/check.js';
import type { Result, Target } from '../../core/types.js';
import { accountOf } from './judge.js';

/**
 * Judging over per-region listings (EC2, EBS, VPC): every scanned region is
 * listed; a region whose listing cannot be collected is one `error` on the
 * region's wildcard ARN, and each listed item is judged on its own. Nothing
 * listed in any region is one `none` result, not applicable, on the account.
 */

/** `arn:<partition>:ec2:<region>:<account>:<path>`; snapshot ARNs carry no account. */
export function ec2Arn(target: Target, region: string, path: string, withAccount = true): string {
  const { account, partition } = accountOf(target);
  return `arn:${partition}:ec2:${region}:${withAccount ? account : ''}:${path}`;
}

export async function eachRegional<T, M extends string>(
  ctx: CheckContext<'aws', M>,
  none: M,
  listing: (region: string) => Promise<T[]>,
  regionResource: (region: string) => string,
  itemResource: (item: T) => string,
  judge: (item: T, region: string) => Promise<Result> | Result,
): Promise<Result[]> {
  const regions = await ctx.aws.regions();
  const results = await ctx.each(regions, regionResource, async (region) =>
    ctx.each(await listing(region), itemResource, async (item) => judge(item, region)),
  );
  return results.length ? results : [ctx.notApplicable(ctx.target.resource, none)];
}
