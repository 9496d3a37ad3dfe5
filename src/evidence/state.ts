import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { LEDGERED_FOLDERS } from '../core/cache-ledger.js';
import { firstPart } from '../core/text.js';

/**
 * Removes the files of the ledgered cache folders of `<out>/.state` that the newest run's manifest no
 * longer vouches for (it records every entry still trusted): they could never
 * be honoured again.
 */
export async function pruneState(stateDir: string, kept: Readonly<Record<string, string>>, log: Logger): Promise<void> {
  let files: string[];
  try {
    files = (await readdir(stateDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.relative(stateDir, path.join(e.parentPath, e.name)));
  } catch {
    return;
  }
  const folders: string[] = Object.values(LEDGERED_FOLDERS);
  const stale = files.map((f) => f.split(path.sep).join('/')).filter((f) => folders.includes(firstPart(f, '/')) && !(f in kept));
  await Promise.all(stale.map((f) => rm(path.join(stateDir, f), { force: true })));
  if (stale.length) log.debug({ removed: stale.length }, 'cache entries no run vouches for were removed');
}
