import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * How much V8 lets the old generation grow past the live heap before its next
 * full collection, in percent. V8's own factor goes up to 4x for a process that
 * allocates fast: a scan of 5,000 buckets kept about 150 MB live but let some
 * 400 MB of garbage pile up before the first full collection (peak RSS 763 MB).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds the heap's growth between full collections (docs/benchmark.md,
 * "Memory"). It only makes collections more frequent: the heap's maximum
 * size is untouched, so a large estate never runs out of heap because of it.
 * A `--heap-growing-percent` of the user's own (node flags or NODE_OPTIONS) wins.
 */
export function boundHeapGrowth({
  execArgv = process.execArgv,
  nodeOptions = process.env.NODE_OPTIONS ?? '',
  setFlags = setFlagsFromString,
}: { execArgv?: readonly string[]; nodeOptions?: string; setFlags?: (flags: string) => void } = {}): void {
  const own = [...execArgv, nodeOptions].some((arg) => /--heap[-_]growing[-_]percent\b/.test(arg));
  if (!own) setFlags(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

const MB = 1024 * 1024;

export interface RssWatch {
  /** How often the process's resident memory is looked at. */
  everyMs: number;
  /** Growth of resident memory since the last full collection that triggers the next one. */
  stepBytes: number;
}

/** Looked at every 2 s, a collection at most every 2 s: a full collection of a 150 MB heap takes about 0.1 s. */
export const RSS_WATCH: RssWatch = { everyMs: 2000, stepBytes: 48 * MB };

/**
 * Runs a full collection whenever resident memory grew by `stepBytes` since
 * the last one. Memory held outside V8's heap (a TLS socket's OpenSSL state, an
 * HTTP agent's buffers) is freed only when the JavaScript object that owns it
 * is collected, and V8 sees no reason to collect a small heap: a TLS scan's
 * heap stayed under 80 MB while its RSS passed 300 MB. Stops with the returned
 * function; its timer never keeps the process alive.
 */
export function collectOnRssGrowth(
  watch: RssWatch = RSS_WATCH,
  { rss = () => process.memoryUsage.rss(), collect = fullCollection() }: { rss?: () => number; collect?: () => void } = {},
): () => void {
  let after = rss();
  const timer = setInterval(() => {
    if (rss() - after < watch.stepBytes) return;
    collect();
    after = rss();
  }, watch.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** V8's full collection, which Node exposes only under --expose-gc: a context made after setting the flag has it. */
function fullCollection(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** What `annexa` sets up at start-up to keep a large scan's memory bounded (src/cli.ts; the bench does the same). */
export function boundMemory(): void {
  boundHeapGrowth();
  collectOnRssGrowth();
}
