#!/usr/bin/env node
// The AWS SDK warns, as a multi-line process warning, that its releases after January 2027 will need
// Node 22. annexa pins its SDK version and supports Node 20; the note would break JSON logs on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Ctrl-C or a scheduler's SIGINT/SIGTERM: say what stopping means for the evidence, then exit 2.
// Files are written to temporary names and the manifest last, so an interrupted run folder has no
// manifest.json and is never read as evidence.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`annexa: interrupted by ${signal}: the scan stopped; a run folder without manifest.json is incomplete and is never read as evidence\n`);
    process.exit(2);
  });
}

const { main } = await import('./cli/main.js');
process.exitCode = await main(process.argv.slice(2));
