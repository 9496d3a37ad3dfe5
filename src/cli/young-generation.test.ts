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

describe('boundYoungGeneration', () => {
  it('lets the young generation double up to its bound, then no further', () => {
    expect(YOUNG_GENERATION_MB).toBe(32);
    expect(factorsSet([2, 4, 16, 32, 32]).set).toEqual(['--semi-space-growth-factor=2', '--semi-space-growth-factor=1']);
  });

  it('lets it grow back to the bound when V8 shrank it, and never sets the same factor twice in a row', () => {
    expect(factorsSet([32, 32, 4, 4, 32]).set).toEqual([
      '--semi-space-growth-factor=1',
      '--semi-space-growth-factor=2',
      '--semi-space-growth-factor=1',
    ]);
  });

  it('holds a young generation already past the bound where it is', () => {
    expect(factorsSet([128]).set).toEqual(['--semi-space-growth-factor=1']);
  });

  it("leaves the user's own node flags alone, in either spelling", () => {
    expect(factorsSet([2, 32], ['--max-semi-space-size=64']).set).toEqual([]);
    expect(factorsSet([2, 32], ['--semi_space_growth_factor=4']).set).toEqual([]);
  });

  it('stops watching collections when told to', () => {
    expect(factorsSet([2]).stopped).toBe(true);
  });
});
