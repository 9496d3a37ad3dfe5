import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * How the tests that need the CLI as a real process (signals, exit codes, pipes) start it. Most
 * tests run it in-process instead (helpers/cli.ts): a process start costs seconds of CPU.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILT = path.join(ROOT, 'dist/src/cli.js');
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** The newest change to what `npm run build` compiles: src/, checks/ and the schemas it builds validators from. */
function newestSource(): number {
  let newest = 0;
  for (const dir of ['src', 'checks', 'schemas'])
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true }))
      if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/**
 * The built CLI when `npm run build` ran after the last change to its sources (as in CI), else the
 * sources through tsx: the build starts in about two thirds of tsx's CPU, and a stale build
 * would test old code.
 */
const built = existsSync(BUILT) && statSync(BUILT).mtimeMs >= newestSource();

/** Node's arguments before the CLI's own: run `process.execPath` with `[...CLI, 'scan', …]`. */
export const CLI: readonly string[] = built ? [BUILT] : ['--import', TSX, path.join(ROOT, 'src/cli.ts')];

/** For a script that starts the CLI itself: what its NODE_OPTIONS and the CLI's path must be. */
export const CLI_FOR_SCRIPTS: { nodeOptions?: string; entry: string } = built
  ? { entry: BUILT }
  : { nodeOptions: `--import=${TSX}`, entry: path.join(ROOT, 'src/cli.ts') };

/**
 * One V8 compile cache for every process the suite starts, kept between runs (Node keys it by its
 * own version and each file's contents): the first start compiles the SDKs and the sources, the
 * others read the bytecode, about a sixth less CPU per start.
 */
export const COMPILE_CACHE = path.join(ROOT, 'node_modules/.cache/annexa-tests/compile-cache');

/** `env` with the shared compile cache. */
export const withCompileCache = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, NODE_COMPILE_CACHE: COMPILE_CACHE });
