import { readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { completeRuns, listRunFolders, type RunFolder } from '../history/runs.js';
import { writeAtomic } from './files.js';

export interface RetentionPolicy {
  /** Keep the newest N complete runs. */
  keep?: number;
  /** Keep runs that started within the last D days. */
  keepDays?: number;
}

/**
 * `<out>/pruned.json`: the runs retention removed, with their manifest hashes
 * and the run each chained to, so that the chain of the runs kept still ends
 * at a named, hashed run rather than at a silent gap.
 */
export const PRUNED_FILE = 'pruned.json';

export interface PrunedRun {
  runId: string;
  manifestSha256: string | null;
  previous: { runId: string; manifestSha256: string } | null;
  prunedAt: string;
}

/** A run folder being removed is first renamed to this hidden prefix, so that no half-removed run is ever seen. */
export const PRUNING_PREFIX = '.pruning-';

const DAY_MS = 86_400_000;
const startOf = (runId: string) => Date.parse(runId.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z.*$/, '$1-$2-$3T$4:$5:$6Z'));

/**
 * Removes the run folders that no rule keeps (a run is kept when any given
 * rule keeps it). Never removes the newest complete run. The complete runs
 * removed are recorded in pruned.json first; then each folder is renamed to
 * a hidden `.pruning-*` name and deleted, so that a removal cut short leaves
 * no damaged run folder (the next scan deletes the hidden one).
 * Call it while holding the lock of `out`.
 */
export async function pruneRuns(out: string, policy: RetentionPolicy, now: Date, log: Logger): Promise<PrunedRun[]> {
  if (policy.keep === undefined && policy.keepDays === undefined) return [];
  const folders = await listRunFolders(out);
  const complete = completeRuns(folders);
  const newest = complete.at(-1);
  if (!newest) return [];
  const keptByCount = new Set(policy.keep === undefined ? [] : complete.slice(-Math.max(policy.keep, 1)).map((f) => f.runId));
  const cutoff = policy.keepDays === undefined ? Infinity : now.getTime() - policy.keepDays * DAY_MS;
  // Folders are in run order: the newest complete run and anything after it (a run still being written) stay.
  const newestAt = folders.indexOf(newest);
  const keeps = (f: RunFolder) => folders.indexOf(f) >= newestAt || keptByCount.has(f.runId) || startOf(f.runId) >= cutoff;

  const removing = folders.filter((x) => !keeps(x));
  const pruned: PrunedRun[] = removing.flatMap((f) =>
    f.manifest ? [{ runId: f.runId, manifestSha256: f.manifestSha256 ?? null, previous: f.manifest.previous, prunedAt: now.toISOString() }] : [],
  );
  if (pruned.length) {
    // A removal cut short is recorded again by the next one: keep one entry per run.
    const ids = new Set(pruned.map((p) => p.runId));
    const earlier = (await readPruned(out)).filter((p) => !ids.has(p.runId));
    await writeAtomic(path.join(out, PRUNED_FILE), `${JSON.stringify({ runs: [...earlier, ...pruned] }, null, 2)}\n`);
  }
  for (const f of removing) {
    const hidden = path.join(out, `${PRUNING_PREFIX}${f.runId}`);
    await rename(f.dir, hidden);
    await rm(hidden, { recursive: true, force: true });
  }
  const removed = folders.length - folders.filter(keeps).length;
  if (removed) log.info({ removed, complete: pruned.map((p) => p.runId), chainNote: PRUNED_FILE }, 'pruned old run folders');
  return pruned;
}

export async function readPruned(out: string): Promise<PrunedRun[]> {
  try {
    return (JSON.parse(await readFile(path.join(out, PRUNED_FILE), 'utf8')) as { runs: PrunedRun[] }).runs;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
