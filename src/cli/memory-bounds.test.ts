import { afterEach, describe, expect, it, vi } from 'vitest';
import { boundHeapGrowth, collectOnRssGrowth, HEAP_GROWING_PERCENT } from './memory-bounds.js';

describe('boundHeapGrowth', () => {
  const flagsSet = (execArgv: string[], nodeOptions = '') => {
    const set: string[] = [];
    boundHeapGrowth({ execArgv, nodeOptions, setFlags: (f) => set.push(f) });
    return set;
  };

  it('bounds the growth of the heap between full collections', () => {
    expect(flagsSet(['--import', 'tsx'])).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it("leaves the user's own setting alone, given as a node flag or in NODE_OPTIONS", () => {
    expect(flagsSet(['--heap-growing-percent=200'])).toEqual([]);
    expect(flagsSet([], '--max-old-space-size=4096 --heap_growing_percent=10')).toEqual([]);
  });
});

describe('collectOnRssGrowth', () => {
  afterEach(() => vi.useRealTimers());

  it('collects once resident memory grew by a step since the last collection, and not before', () => {
    vi.useFakeTimers();
    let rss = 100;
    let collections = 0;
    const stop = collectOnRssGrowth(
      { everyMs: 1000, stepBytes: 50 },
      {
        rss: () => rss,
        collect: () => {
          collections++;
          rss -= 10; // what the collection freed
        },
      },
    );
    rss = 149;
    vi.advanceTimersByTime(1000);
    expect(collections).toBe(0);
    rss = 150;
    vi.advanceTimersByTime(1000);
    expect(collections).toBe(1);
    // The next step counts from the memory left after that collection (140).
    rss = 189;
    vi.advanceTimersByTime(1000);
    expect(collections).toBe(1);
    rss = 190;
    vi.advanceTimersByTime(1000);
    expect(collections).toBe(2);
    stop();
    rss = 1000;
    vi.advanceTimersByTime(5000);
    expect(collections).toBe(2);
  });

  it('can run a real full collection', () => {
    vi.useFakeTimers();
    let rss = 0;
    const stop = collectOnRssGrowth({ everyMs: 10, stepBytes: 1 }, { rss: () => rss });
    rss = 10;
    expect(() => vi.advanceTimersByTime(10)).not.toThrow();
    stop();
  });
});
