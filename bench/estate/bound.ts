/**
 * The theoretical lower bound on a scan's wall time, from the work it must
 * do (docs/benchmark.md explains the model): no scan can finish sooner than
 *
 * - its longest chain of calls that must follow one another (a list's pages,
 *   the per-item call after the page that names the item), each one latency;
 * - for each pool of concurrent calls, its calls × latency ÷ the concurrency
 *   it is allowed (the API's limit where it sets one, else the scanner's pool);
 * - for each request quota (a token bucket), the time to earn the tokens its
 *   calls need beyond the bucket's first fill, plus one latency.
 *
 * The largest of these is the bound; efficiency is bound ÷ measured wall time.
 */
export interface Work {
  latencyMs: number;
  /** Calls in the longest chain of calls that cannot overlap. */
  chain: number;
  pools: { name: string; calls: number; concurrency: number }[];
  quotas: { name: string; calls: number; perSecond: number; burst: number }[];
}

export interface Bound {
  ms: number;
  /** Which term of the bound is the largest: `chain`, `pool NAME` or `quota NAME`. */
  binding: string;
}

export function lowerBound(work: Work): Bound {
  const terms: Bound[] = [{ ms: work.chain * work.latencyMs, binding: 'chain' }];
  for (const p of work.pools) {
    if (!(p.concurrency >= 1)) throw new RangeError(`pool ${p.name}: concurrency must be at least 1, got ${p.concurrency}`);
    // Whole waves: n calls at c at a time take ceil(n / c) latencies.
    terms.push({ ms: Math.ceil(p.calls / p.concurrency) * work.latencyMs, binding: `pool ${p.name}` });
  }
  for (const q of work.quotas) {
    if (!(q.perSecond > 0)) throw new RangeError(`quota ${q.name}: rate must be positive, got ${q.perSecond}`);
    const beyondBurst = Math.max(0, q.calls - q.burst);
    terms.push({ ms: (beyondBurst / q.perSecond) * 1000 + (q.calls > 0 ? work.latencyMs : 0), binding: `quota ${q.name}` });
  }
  return terms.reduce((a, b) => (b.ms > a.ms ? b : a));
}

/** bound ÷ actual, 0 when nothing was measured; above 1 means the model is wrong (a faster-than-possible run). */
export function efficiency(boundMs: number, actualMs: number): number {
  if (!(actualMs > 0)) return 0;
  return boundMs / actualMs;
}
