import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ControlRollup } from '../core/controls.js';
import { UsageError } from '../core/errors.js';
import type { Result } from '../core/types.js';
import { sha256 } from '../evidence/files.js';
import { MANIFEST, RUN_ID, type Manifest } from '../evidence/run-folder.js';
import type { ExceptionRecord } from '../policy/exceptions.js';

/** A run folder of `--out`; `manifest` is absent when the run is incomplete (never evidence). */
export interface RunFolder {
  runId: string;
  dir: string;
  manifest?: Manifest;
  manifestSha256?: string;
}

/** Every run folder of `out`, oldest first. */
export async function listRunFolders(out: string): Promise<RunFolder[]> {
  let names: string[];
  try {
    names = await readdir(out);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new UsageError(`cannot read ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const folders: RunFolder[] = await Promise.all(
    names
      .filter((n) => RUN_ID.test(n))
      .map(async (runId) => {
        const dir = path.join(out, runId);
        try {
          const bytes = await readFile(path.join(dir, MANIFEST));
          return { runId, dir, manifest: JSON.parse(bytes.toString('utf8')) as Manifest, manifestSha256: sha256(bytes) };
        } catch {
          return { runId, dir };
        }
      }),
  );
  // A run id names its start to the second: runs of the same second are ordered by when they finished.
  const order = (f: RunFolder) => `${f.runId.slice(0, 16)} ${f.manifest?.finishedAt ?? ''} ${f.runId}`;
  return folders.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

export const completeRuns = (folders: RunFolder[]) => folders.filter((f): f is Required<RunFolder> => f.manifest !== undefined);

async function readJson<T>(dir: string, name: string): Promise<T> {
  const file = path.join(dir, name);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export interface StoredRun {
  runId: string;
  results: Result[];
  controls: ControlRollup[];
  exceptions: ExceptionRecord[];
}

/** The results and controls of a complete run folder. */
export async function readRun(dir: string): Promise<StoredRun> {
  const [results, controls] = await Promise.all([
    readJson<{ runId: string; results: Result[]; exceptions?: ExceptionRecord[] }>(dir, 'results.json'),
    readJson<{ controls: ControlRollup[] }>(dir, 'controls.json'),
  ]);
  return { runId: results.runId, results: results.results, controls: controls.controls, exceptions: results.exceptions ?? [] };
}
