#!/usr/bin/env node
const { main } = await import('./cli/main.js');
process.exitCode = await main(process.argv.slice(2));
