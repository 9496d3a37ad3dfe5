import { ElsewhereError, ownsUnit, type Shard } from '../../core/shard.js';
import type { Target } from '../../core/types.js';
import type { AwsFacts, AwsTargetOptions } from './types.js';

/**
 * `scan --shard I/N` splits an AWS account into units, each owned by one
 * shard: the account-wide unit (keyed by the target id, `aws:<account>`, so
 * it lands where the whole account did before) and one unit per region
 * (`aws:<account>/<region>`). A shard's share of the account is the same
 * target (same id, so the same fact refs as an unsharded scan) with
 * `options.split` set, whose facts:
 * - list only the regions the shard owns (`regions()`), so regional checks
 *   fetch and judge only those;
 * - refuse the account-wide facts (IAM, the CloudTrail trail list) unless
 *   the shard owns the account-wide unit: the checks that read them are
 *   judged by that shard alone (ElsewhereError);
 * - list only the buckets of owned regions (a bucket whose region is not
 *   one of the account's regions, or unknown, goes with the account-wide
 *   unit). The bucket list itself, the account's S3 public access block,
 *   the region list and the caller identity are read by every shard that
 *   holds part of the account: they are small, and regional checks need them.
 */
const regionUnit = (targetId: string, region: string) => `${targetId}/${region}`;

/** This shard's share of an account: undefined when it owns neither the account-wide unit nor any region. */
export async function splitAwsTarget(
  target: Target<AwsTargetOptions>,
  shard: Shard,
  facts: Pick<AwsFacts, 'regions'>,
): Promise<Target<AwsTargetOptions> | undefined> {
  const share = { ...target, options: { ...target.options, split: { index: shard.index, count: shard.count } } };
  const accountWide = ownsUnit(target.id, shard);
  let regions: string[];
  try {
    regions = await facts.regions();
  } catch {
    // Without the region list no shard knows its regions: the account-wide shard keeps the account, whose regional checks then error.
    return accountWide ? share : undefined;
  }
  return accountWide || regions.some((r) => ownsUnit(regionUnit(target.id, r), shard)) ? share : undefined;
}

/** The facts of a shard's share of an account (see above); the facts unchanged for a whole account. */
export function shareFacts(facts: AwsFacts, target: Target<AwsTargetOptions>): AwsFacts {
  const split = target.options.split;
  if (!split) return facts;
  const owns = (region: string) => ownsUnit(regionUnit(target.id, region), split);
  const accountWide = ownsUnit(target.id, split);
  const elsewhere = (fact: string) => () =>
    Promise.reject(
      new ElsewhereError(`${fact} of ${target.id} is read by the shard that holds the account-wide part (${target.id} is split by region)`),
    );
  return {
    ...facts,
    regions: async () => (await facts.regions()).filter(owns),
    iam: accountWide
      ? facts.iam
      : {
          accountSummary: elsewhere('aws.iam.accountSummary'),
          credentialReport: elsewhere('aws.iam.credentialReport'),
          passwordPolicy: elsewhere('aws.iam.passwordPolicy'),
          authorizationDetails: elsewhere('aws.iam.authorizationDetails'),
          virtualMfaDevices: elsewhere('aws.iam.virtualMfaDevices'),
        },
    cloudtrail: accountWide ? facts.cloudtrail : { ...facts.cloudtrail, trails: elsewhere('aws.cloudtrail.trails') },
    s3: {
      ...facts.s3,
      buckets: async () => {
        const regions = await facts.regions();
        return (await facts.s3.buckets()).filter((b) => (b.region && regions.includes(b.region) ? owns(b.region) : accountWide));
      },
    },
  };
}
