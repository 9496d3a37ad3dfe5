import { setFlagsFromString } from 'node:v8';
import { givenToNode } from './node-flags.js';

/**
 * How much V8 lets the old generation grow past the live heap before its next
 * full collection, in percent. V8's own factor goes up to 4x for a process that
 * allocates fast: a scan of 5,000 buckets keeps about 150 MB live but let some
 * 400 MB of garbage pile up before the first full collection (peak RSS 763 MB).
 * At 30% that scan peaks at about 295 MB, 15 MB under 50%, for some 5 s more
 * CPU over 70 s (docs/benchmark.md, "Memory").
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * Bounds the heap's growth between full collections (docs/benchmark.md,
 * "Memory"). It only makes collections more frequent: the heap's maximum
 * size is untouched, so a large estate never runs out of heap because of it.
 * A `--heap-growing-percent` of the user's own (`node --heap-growing-percent=N annexa …`;
 * node refuses V8 flags in NODE_OPTIONS) wins.
 */
export function boundHeapGrowth({
  execArgv = process.execArgv,
  setFlags = setFlagsFromString,
}: { execArgv?: readonly string[]; setFlags?: (flags: string) => void } = {}): void {
  const own = givenToNode(execArgv, '--heap-growing-percent');
  if (!own) setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
