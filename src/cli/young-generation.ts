import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { givenToNode } from './node-flags.js';

/**
 * The most V8's young generation (both semi-spaces) may grow to, in MB: half
 * node 22's own default. Node 24's V8 lets it grow to 128 MB, which alone took
 * the bench estate's AWS part from 292 to 390 MB of peak RSS. 16 MB rather
 * than 32 took that part from 302–306 to 280–282 MB on node 22 (and 283–290
 * on node 24), with less CPU, not more (41 s against 44–45 s)
 * (docs/benchmark.md, "Memory"). `--max-semi-space-size` only takes effect as
 * a start-up flag of node, which `annexa` cannot set on itself; the growth
 * factor takes effect at run time.
 */
export const YOUNG_GENERATION_MB = 16;

/**
 * Sets V8's semi-space growth factor to 1 (no growth) until the first
 * collection is reported, then after each collection: its default of 2 while
 * the young generation is under YOUNG_GENERATION_MB, 1 once it is there; if V8
 * shrinks it, it grows back. It caps nothing else,
 * and a `--max-semi-space-size` or `--semi-space-growth-factor` of the user's
 * own wins. Returns a function that stops it.
 */
export function boundYoungGeneration({
  execArgv = process.execArgv,
  setFlags = setFlagsFromString,
  youngGenerationBytes = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size,
  onCollection = (listener: () => void) => {
    const observer = new PerformanceObserver(listener);
    observer.observe({ entryTypes: ['gc'] });
    return () => observer.disconnect();
  },
}: {
  execArgv?: readonly string[];
  setFlags?: (flags: string) => void;
  youngGenerationBytes?: () => number | undefined;
  onCollection?: (listener: () => void) => () => void;
} = {}): () => void {
  if (givenToNode(execArgv, '--max-semi-space-size', '--semi-space-growth-factor')) return () => undefined;
  let factor: number | undefined;
  const steer = () => {
    const size = youngGenerationBytes();
    if (!size) return;
    // V8's own doubling below the bound (a factor computed to land on it overshoots: the committed size read
    // here is not the capacity V8 multiplies), none from it on.
    const wanted = size < YOUNG_GENERATION_MB * 1024 * 1024 ? 2 : 1;
    if (wanted === factor) return;
    factor = wanted;
    setFlags(`--semi-space-growth-factor=${wanted}`);
  };
  // Reports arrive between turns of the event loop, and loading modules is synchronous: V8 doubled at each scavenge
  // while the AWS SDK loaded and took node 24's young generation to 64 MB before the first report could stop it.
  factor = 1;
  setFlags('--semi-space-growth-factor=1');
  return onCollection(steer);
}
