import { describe, expect, it } from 'vitest';
import { boundedMap } from './bounded-map.js';

describe('boundedMap', () => {
  const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('maps every item in order, never more than the workers at once', async () => {
    let running = 0;
    let most = 0;
    const out = await boundedMap([5, 1, 4, 2, 3, 0, 2], 3, async (n) => {
      most = Math.max(most, ++running);
      await tick(n);
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 20]);
    expect(most).toBe(3);
  });

  it('rejects with the first failure and starts no further item', async () => {
    const started: number[] = [];
    const mapped = boundedMap([0, 1, 2, 3, 4, 5, 6, 7], 2, async (n) => {
      started.push(n);
      await tick(1);
      if (n === 1) throw new Error('item 1 failed');
      return n;
    });
    await expect(mapped).rejects.toThrow('item 1 failed');
    await tick(20);
    expect(started).toEqual([0, 1, 2]);
  });

  it('refuses a number of workers that would map nothing', async () => {
    await expect(boundedMap([1], 0, async (n) => n)).rejects.toThrow('workers must be a positive integer, got 0');
    expect(await boundedMap([], 4, async (n) => n)).toEqual([]);
  });
});
