#!/usr/bin/env node
// Ctrl-C or a scheduler's SIGINT/SIGTERM: say what stopping means for the evidence, then exit 2.
// Files are written to temporary names and the manifest last, so an interrupted run folder has no
// manifest.json and is never read as evidence.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(
      `annexa: interrupted by ${signal}: the scan stopped; a run folder without manifest.json is incomplete and is never read as evidence\n`,
    );
    process.exit(2);
  });
}

const { boundHeapGrowth } = await import('./cli/heap-growth.js');
boundHeapGrowth();
const { boundYoungGeneration } = await import('./cli/young-generation.js');
boundYoungGeneration();
const { main } = await import('./cli/main.js');
process.exitCode = await main(process.argv.slice(2));
