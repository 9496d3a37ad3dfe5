/**
 * Token buckets by key, the algorithm AWS describes for its API throttling
 * (and a fair model of GitHub's "points per minute"): a bucket holds at most
 * `burst` tokens, refills at `perSecond`, and each admitted request takes
 * its cost. A request the bucket cannot pay for is refused and takes nothing.
 */
export interface BucketRule {
  perSecond: number;
  burst: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** `now` in milliseconds (monotonic). */
  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes `cost` tokens from `key`'s bucket; false (nothing taken) when it holds fewer. */
  take(key: string, rule: BucketRule, cost = 1): boolean {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: rule.burst, at: t };
    b.tokens = Math.min(rule.burst, b.tokens + ((t - b.at) / 1000) * rule.perSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (b.tokens < cost) return false;
    b.tokens -= cost;
    return true;
  }

  /** Seconds until `key`'s bucket holds `cost` tokens (0 when it already does). */
  waitSeconds(key: string, rule: BucketRule, cost = 1): number {
    const b = this.buckets.get(key);
    if (!b) return 0;
    const tokens = Math.min(rule.burst, b.tokens + ((this.now() - b.at) / 1000) * rule.perSecond);
    return tokens >= cost ? 0 : (cost - tokens) / rule.perSecond;
  }
}
