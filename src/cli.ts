#!/usr/bin/env node
// The AWS SDK warns, as a multi-line process warning, that its releases after January 2027 will need
// Node 22. annexa pins its SDK version and supports Node 20; the note would break JSON logs on stderr.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { main } = await import('./cli/main.js');
process.exitCode = await main(process.argv.slice(2));
