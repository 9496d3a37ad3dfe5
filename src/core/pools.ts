import pLimit, { type LimitFunction } from 'p-limit';
import { firstPart } from './text.js';

/**
 * Default concurrency per API family. A pool named `aws.s3` takes the size of
 * `aws.s3`, else of `aws`, else `fallback`.
 */
export const DEFAULT_POOL_SIZES: Record<string, number> = {
  aws: 8,
  github: 4,
  'github.graphql': 2,
  tls: 16,
};

/**
 * One p-limit pool per API family, created on first use, so that a slow or
 * rate-limited API never starves the others.
 */
export class Pools {
  private readonly limits = new Map<string, LimitFunction>();

  constructor(
    private readonly sizes: Record<string, number> = {},
    private readonly fallback = 8,
  ) {
    for (const [name, size] of Object.entries(sizes)) {
      if (!Number.isInteger(size) || size < 1) throw new TypeError(`pool size for ${name} must be a positive integer, got ${size}`);
    }
  }

  get(name: string): LimitFunction {
    let limit = this.limits.get(name);
    if (!limit) {
      limit = pLimit(this.size(name));
      this.limits.set(name, limit);
    }
    return limit;
  }

  size(name: string): number {
    const family = firstPart(name, '.');
    return this.sizes[name] ?? DEFAULT_POOL_SIZES[name] ?? this.sizes[family] ?? DEFAULT_POOL_SIZES[family] ?? this.fallback;
  }
}
