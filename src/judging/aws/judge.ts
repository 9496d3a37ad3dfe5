import type { CheckContext } from '../../core/check.js';
import type { Result, Target } from '../../core/types.js';
import type {
  AwsTargetOptions,
  Bucket,
  CredentialReport,
  CredentialReportUser,
  KmsKeyDescription,
  PublicAccessBlock,
} from '../../providers/aws/types.js';

/**
 * Small helpers that AWS checks share: finding rows in the credential report,
 * building ARNs from the target, measuring ages against the run's clock.
 */

export function rootRow(report: CredentialReport): CredentialReportUser | undefined {
  return report.users.find((u) => u.isRoot);
}

export function iamUsers(report: CredentialReport): CredentialReportUser[] {
  return report.users.filter((u) => !u.isRoot);
}

/** The account and partition of an AWS target, from the options its provider built it with. */
export function accountOf(target: Target): { account: string; partition: string } {
  const o = target.options as Partial<AwsTargetOptions> | undefined;
  if (!o?.accountId) throw new Error(`target ${target.id} carries no AWS account id`);
  return { account: o.accountId, partition: o.partition ?? 'aws' };
}

/** The root user's ARN, `arn:<partition>:iam::<account>:root`. */
export function rootArn(target: Target): string {
  const { account, partition } = accountOf(target);
  return `arn:${partition}:iam::${account}:root`;
}

const DAY_MS = 86_400_000;

/** Whole days from `iso` to `now`; `null` when there is no date. */
export function daysSince(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return Math.floor((now.getTime() - t) / DAY_MS);
}

export const PAB_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** S3 applies the most restrictive of the account and bucket settings, flag by flag. */
export function effectiveBlock(account: PublicAccessBlock | null, bucket: PublicAccessBlock | null): PublicAccessBlock {
  return Object.fromEntries(PAB_FLAGS.map((f) => [f, Boolean(account?.[f] || bucket?.[f])])) as unknown as PublicAccessBlock;
}

/** Judges every bucket on its own (a bucket whose facts fail is `error` alone); no bucket: `noBuckets`, not applicable. */
export async function eachBucket(ctx: CheckContext<'aws', 'noBuckets'>, judge: (bucket: Bucket) => Promise<Result>): Promise<Result[]> {
  const buckets = await ctx.aws.s3.buckets();
  if (buckets.length === 0) return [ctx.notApplicable(ctx.target.resource, 'noBuckets')];
  return ctx.each(buckets, (b) => b.arn, judge);
}

/** Keys that exist but cannot be used or rotated: judged not applicable. */
export const KEY_STATES_NOT_IN_USE = new Set(['PendingDeletion', 'PendingReplicaDeletion', 'PendingImport', 'Unavailable']);

/**
 * Judges every KMS key of every scanned region on its own. A region whose
 * keys cannot be listed is one `error` for that region; no key anywhere is
 * `noKeys`, not applicable.
 */
export async function eachKey(
  ctx: CheckContext<'aws', 'noKeys'>,
  judge: (key: KmsKeyDescription, region: string) => Promise<Result>,
): Promise<Result[]> {
  const { account, partition } = accountOf(ctx.target);
  const regions = await ctx.aws.regions();
  const results = await ctx.each(
    regions,
    (r) => `arn:${partition}:kms:${r}:${account}:key/*`,
    async (region) => {
      const keys = await ctx.aws.kms.keys(region);
      return ctx.each(
        keys,
        (k) => k.keyArn,
        async (k) => judge(await ctx.aws.kms.describeKey(region, k.keyId), region),
      );
    },
  );
  return results.length ? results : [ctx.notApplicable(ctx.target.resource, 'noKeys')];
}

export type KeyObserved = Record<string, string | null>;

/**
 * Customer-managed keys in use, judged one by one with what the verdict rests
 * on; AWS-managed keys (`awsManaged`) and keys not in use (`notInUse`) are
 * not applicable: AWS manages the former, the latter encrypt nothing.
 */
export function eachCustomerKey(
  ctx: CheckContext<'aws', 'noKeys' | 'awsManaged' | 'notInUse'>,
  judge: (key: KmsKeyDescription, region: string, observed: KeyObserved) => Promise<Result>,
): Promise<Result[]> {
  return eachKey(ctx, async (k, region) => {
    const o = {
      keyId: k.keyId,
      region,
      keySpec: k.keySpec,
      keyUsage: k.keyUsage,
      keyManager: k.keyManager,
      keyState: k.keyState,
      origin: k.origin,
    };
    if (k.keyManager !== 'CUSTOMER') return ctx.notApplicable(k.arn, 'awsManaged', o);
    if (KEY_STATES_NOT_IN_USE.has(k.keyState ?? '')) return ctx.notApplicable(k.arn, 'notInUse', o);
    return judge(k, region, o);
  });
}

/** A user's enabled password and active keys, with the days since each was last used (or, never used, set). */
export function enabledCredentials(u: CredentialReportUser, now: Date): { credential: string; idleDays: number | null }[] {
  return [
    ...(u.passwordEnabled
      ? [{ credential: 'password', idleDays: daysSince(u.passwordLastUsed ?? u.passwordLastChanged ?? u.userCreationTime, now) }]
      : []),
    ...u.accessKeys
      .filter((k) => k.active)
      .map((k) => ({ credential: `access key ${k.slot}`, idleDays: daysSince(k.lastUsedDate ?? k.lastRotated, now) })),
  ];
}

/**
 * The account-level public access block, or the error that kept it from
 * being read: buckets that block everything themselves can pass without it.
 */
export async function accountBlock(
  ctx: CheckContext<'aws'>,
): Promise<{ block: PublicAccessBlock | null; blocksAll: boolean; error?: Error }> {
  try {
    const block = await ctx.aws.s3.accountPublicAccessBlock();
    return { block, blocksAll: PAB_FLAGS.every((f) => block?.[f]) };
  } catch (err) {
    return { block: null, blocksAll: false, error: err as Error };
  }
}
