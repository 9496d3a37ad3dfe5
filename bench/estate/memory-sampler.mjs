// `node --import ./bench/estate/memory-sampler.mjs …`: prints process.memoryUsage() to stderr every
// MEMORY_SAMPLE_MS (2000) ms, to see where a bench part's memory goes over time (docs/benchmark.md,
// "Memory"). With --expose-gc each sample is taken after a full collection: "live" is then the live heap.
import { writeSync } from 'node:fs';
import process from 'node:process';
import { setInterval } from 'node:timers';

const started = Date.now();
const mb = (bytes) => (bytes / 1048576).toFixed(0);
setInterval(
  () => {
    globalThis.gc?.();
    const m = process.memoryUsage();
    writeSync(
      2,
      `memory ${((Date.now() - started) / 1000).toFixed(0)}s rss=${mb(m.rss)} heapTotal=${mb(m.heapTotal)} ` +
        `${globalThis.gc ? 'live' : 'heapUsed'}=${mb(m.heapUsed)} external=${mb(m.external)}\n`,
    );
  },
  Number(process.env.MEMORY_SAMPLE_MS ?? 2000),
).unref();
