// `npm run bench [name …]`: runs each benchmark in bench/ (every .ts file but this one) in its own
// process and prints its figures. Benchmarks report numbers; they assert nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Run only when named: they time testssl.sh, an outside tool that takes minutes per endpoint on two
 * cores, so that `npm run bench` alone stays within the 10 minutes docs/benchmark.md promises.
 */
const WHEN_NAMED = new Set(['tls-speed', 'tls-vs-testssl']);

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => (wanted.length ? wanted.includes(name) : !WHEN_NAMED.has(name)))
  .sort();

let failed = 0;
for (const name of benches) {
  console.log(`\n=== bench/${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${name}.ts`)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
