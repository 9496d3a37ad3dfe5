import { describe, expect, it } from 'vitest';
import { efficiency, lowerBound } from './bound.js';

describe('lowerBound', () => {
  const base = { latencyMs: 20, chain: 3, pools: [], quotas: [] };

  it('is the chain of sequential calls when nothing else binds', () => {
    expect(lowerBound(base)).toEqual({ ms: 60, binding: 'chain' });
  });

  it('counts whole waves of a pool: 100 calls, 8 at a time, take 13 latencies', () => {
    expect(lowerBound({ ...base, pools: [{ name: 'aws.s3', calls: 100, concurrency: 8 }] })).toEqual({ ms: 260, binding: 'pool aws.s3' });
    expect(lowerBound({ ...base, pools: [{ name: 'p', calls: 96, concurrency: 8 }] }).ms).toBe(240);
  });

  it('charges a quota only for the calls beyond its first fill, plus one latency', () => {
    // GitHub REST: 900 points at once, then 15 a second; 2,400 calls → 1,500 / 15 = 100 s.
    const rest = { name: 'github rest', calls: 2400, perSecond: 15, burst: 900 };
    expect(lowerBound({ ...base, quotas: [rest] })).toEqual({ ms: 100_020, binding: 'quota github rest' });
    expect(lowerBound({ ...base, quotas: [{ ...rest, calls: 900 }] })).toEqual({ ms: 60, binding: 'chain' });
    expect(lowerBound({ ...base, quotas: [{ ...rest, calls: 0 }] }).binding).toBe('chain');
  });

  it('takes the largest term', () => {
    const bound = lowerBound({
      latencyMs: 10,
      chain: 5,
      pools: [
        { name: 'a', calls: 1000, concurrency: 100 },
        { name: 'b', calls: 50, concurrency: 1 },
      ],
      quotas: [{ name: 'q', calls: 120, perSecond: 100, burst: 100 }],
    });
    expect(bound).toEqual({ ms: 500, binding: 'pool b' });
  });

  it('refuses a pool without concurrency and a quota without rate', () => {
    expect(() => lowerBound({ ...base, pools: [{ name: 'x', calls: 1, concurrency: 0 }] })).toThrow(/pool x/);
    expect(() => lowerBound({ ...base, quotas: [{ name: 'y', calls: 1, perSecond: 0, burst: 1 }] })).toThrow(/quota y/);
  });
});

describe('efficiency', () => {
  it('is bound over actual, and 0 for an unmeasured run', () => {
    expect(efficiency(800, 1000)).toBe(0.8);
    expect(efficiency(800, 0)).toBe(0);
  });
});
