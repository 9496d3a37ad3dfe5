// The bench scans with the code a user runs: compiled JavaScript, not sources through tsx (whose loader thread,
// transforms and source maps cost the scanner's process about 30 MB of RSS and a second of CPU, docs/benchmark.md).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where `tsconfig.bench.json` puts src/, checks/ and bench/estate/ compiled (ignored by git). */
export const BUILD_DIR = path.join(ROOT, 'bench/.build');

/** Compiles what the bench runs, and the schema validators a built annexa loads; fails loudly. */
export function compileForBench(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // the config's generated types, as `npm run build` makes them first: they follow schemas/config.schema.json
  run([path.join(ROOT, 'scripts/config-types.mjs')], 'config types');
  run([tsc, '-p', path.join(ROOT, 'tsconfig.bench.json')], 'tsc -p tsconfig.bench.json');
  run([path.join(ROOT, 'scripts/schema-validators.mjs'), path.join(BUILD_DIR, 'src/core/validators')], 'schema validators');
}

function run(args: string[], what: string): void {
  const child = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`bench: ${what} failed (exit ${child.status ?? child.signal})`);
}

/** A bench script as the bench runs it: its compiled file when running compiled, else the source through tsx. */
export function benchScript(dir: string, name: string): { file: string; execArgv: string[] } {
  const compiled = import.meta.filename.endsWith('.js');
  return compiled
    ? { file: path.join(dir, `${name}.js`), execArgv: [] }
    : { file: path.join(dir, `${name}.ts`), execArgv: ['--import', 'tsx'] };
}
