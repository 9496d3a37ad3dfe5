import pLimit from 'p-limit';
import { Pacer, type Rate } from './pacer.js';
import { firstPart } from './text.js';

/**
 * Default concurrency per API family. A pool named `aws.s3` takes the size of
 * `aws.s3`, else of `aws`, else `fallback`.
 */
export const DEFAULT_POOL_SIZES: Record<string, number> = {
  aws: 8,
  // At the 15 REST calls a second that GitHub's secondary limit allows (paced below), 8 calls in flight keep
  // the pace while a call takes up to about 530 ms (4 fell behind it past 270 ms: a loaded machine, a far API).
  github: 8,
  'github.graphql': 2,
  // Every TLS connection waits for the scan's limit on connections open at once (tls.connections) and its
  // endpoint's gate; calls (facts) must not bind before them, or the connections would not stay busy.
  tls: 512,
};

/**
 * Request rates that APIs document and enforce per caller, paced on the
 * client side (by exact pool name): GitHub's secondary limits of 900 REST
 * and 2,000 GraphQL points a minute (a GET or a query costs 1; see
 * docs/benchmark.md). Being refused costs a request and a `retry-after` wait.
 */
export const DEFAULT_POOL_RATES: Record<string, Rate> = {
  // The burst is 5% under GitHub's: its minute does not start when the scan's first call does.
  github: { perSecond: 900 / 60, burst: 855 },
  'github.graphql': { perSecond: 2000 / 60, burst: 1900 },
};

/** Runs `fn` when the pool has room (and its rate a token). */
export type Limit = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * One p-limit pool per API family, created on first use, so that a slow or
 * rate-limited API never starves the others.
 */
export class Pools {
  private readonly limits = new Map<string, Limit>();

  constructor(
    private readonly sizes: Record<string, number> = {},
    private readonly fallback = 8,
  ) {
    for (const [name, size] of Object.entries(sizes)) {
      if (!Number.isInteger(size) || size < 1) throw new TypeError(`pool size for ${name} must be a positive integer, got ${size}`);
    }
  }

  get(name: string): Limit {
    let limit = this.limits.get(name);
    if (!limit) {
      const pool = pLimit(this.size(name));
      const rate = DEFAULT_POOL_RATES[name];
      const pacer = rate ? new Pacer(rate) : undefined;
      limit = pacer
        ? (fn) =>
            pool(async () => {
              await pacer.take();
              return fn();
            })
        : (fn) => pool(fn);
      this.limits.set(name, limit);
    }
    return limit;
  }

  size(name: string): number {
    const family = firstPart(name, '.');
    return this.sizes[name] ?? DEFAULT_POOL_SIZES[name] ?? this.sizes[family] ?? DEFAULT_POOL_SIZES[family] ?? this.fallback;
  }
}
