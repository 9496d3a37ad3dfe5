import { describe, expect, it } from 'vitest';
import { boundYoungGeneration, YOUNG_GENERATION_MB } from './young-generation.js';

const MB = 1024 * 1024;

/** Runs the bound over a young generation that measures each size in turn, one collection apart. */
function factorsSet(sizesMb: number[], execArgv: string[] = []) {
  const set: string[] = [];
  const sizes = [...sizesMb];
  let collected: () => void = () => undefined;
  let stopped = false;
  const stop = boundYoungGeneration({
    execArgv,
    setFlags: (f) => set.push(f),
    youngGenerationBytes: () => (sizes.length ? sizes.shift()! * MB : undefined),
    onCollection: (listener) => {
      collected = listener;
      return () => (stopped = true);
    },
  });
  for (let i = 0; i < sizesMb.length; i++) collected();
  stop();
  return { set, stopped };
}

const BOUND = YOUNG_GENERATION_MB;
const HOLD = '--semi-space-growth-factor=1';
const DOUBLE = '--semi-space-growth-factor=2';

describe('boundYoungGeneration', () => {
  it('is half the 32 MB node 22 lets it reach', () => {
    expect(YOUNG_GENERATION_MB).toBe(16);
  });

  it('holds the young generation where it is until a collection is reported (modules load synchronously)', () => {
    expect(factorsSet([]).set).toEqual([HOLD]);
  });

  it('then lets it double up to its bound, and no further', () => {
    expect(factorsSet([BOUND / 8, BOUND / 4, BOUND, BOUND * 2, BOUND]).set).toEqual([HOLD, DOUBLE, HOLD]);
  });

  it('lets it grow back to the bound when V8 shrank it, and never sets the same factor twice in a row', () => {
    expect(factorsSet([BOUND, BOUND, BOUND / 4, BOUND / 4, BOUND]).set).toEqual([HOLD, DOUBLE, HOLD]);
  });

  it('holds a young generation already past the bound where it is', () => {
    expect(factorsSet([BOUND * 8]).set).toEqual([HOLD]);
  });

  it("leaves the user's own node flags alone, in either spelling", () => {
    expect(factorsSet([2, 32], ['--max-semi-space-size=64']).set).toEqual([]);
    expect(factorsSet([2, 32], ['--semi_space_growth_factor=4']).set).toEqual([]);
  });

  it('stops watching collections when told to', () => {
    expect(factorsSet([2]).stopped).toBe(true);
  });
});
