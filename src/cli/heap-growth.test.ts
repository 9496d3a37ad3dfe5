import { describe, expect, it } from 'vitest';
import { boundHeapGrowth, HEAP_GROWING_PERCENT } from './heap-growth.js';

describe('boundHeapGrowth', () => {
  const flagsSet = (execArgv: string[]) => {
    const set: string[] = [];
    boundHeapGrowth({ execArgv, setFlags: (f) => set.push(f) });
    return set;
  };

  it('bounds the growth of the heap between full collections', () => {
    expect(flagsSet(['--import', 'tsx'])).toEqual([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
  });

  it("leaves the user's own node flag alone, in either spelling", () => {
    expect(flagsSet(['--heap-growing-percent=200'])).toEqual([]);
    expect(flagsSet(['--max-old-space-size=4096', '--heap_growing_percent=10'])).toEqual([]);
  });
});
