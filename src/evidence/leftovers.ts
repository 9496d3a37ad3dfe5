import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { LOCK_FILE } from './lock.js';
import { PRUNING_PREFIX } from './retention.js';
import { PARTIAL_PREFIX } from './run-folder.js';

/** A lock's temporary file younger than this may belong to a scan taking the lock right now. */
const LOCK_TEMP_GRACE_MS = 10_000;

/**
 * Removes what a scan killed mid-write leaves in `out`: run folders still
 * being written (`.partial-*`), folders retention was removing
 * (`.pruning-*`) and temporary files of atomic writes (`.*.tmp`). None of
 * them is evidence; only the lock holder writes them, so call it while
 * holding the lock of `out`.
 */
export async function removeLeftovers(out: string, log: Logger): Promise<void> {
  let names: string[];
  try {
    names = await readdir(out);
  } catch {
    return;
  }
  const removed: string[] = [];
  for (const name of names) {
    const full = path.join(out, name);
    if (name.startsWith(`${LOCK_FILE}.`) && name.endsWith('.tmp')) {
      const info = await stat(full).catch(() => undefined);
      if (!info || Date.now() - info.mtimeMs < LOCK_TEMP_GRACE_MS) continue;
    } else if (!name.startsWith(PARTIAL_PREFIX) && !name.startsWith(PRUNING_PREFIX) && !(name.startsWith('.') && name.endsWith('.tmp'))) {
      continue;
    }
    await rm(full, { recursive: true, force: true });
    removed.push(name);
  }
  if (removed.length) log.warn({ out, removed }, 'removed what an interrupted scan left behind (no run folder is touched)');
}
