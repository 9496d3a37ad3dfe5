import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from './files.js';
import { MANIFEST, RUN_ID, type Manifest } from './run-folder.js';

export interface ChainFinding {
  problems: string[];
  notes: string[];
  /** Complete runs in the folder. */
  runs: number;
}

interface Link {
  runId: string;
  manifestSha256: string;
  previous: Manifest['previous'];
}

/**
 * Walks the `previous` links of every complete run in `out`: each link must
 * name a run that is present, by the sha256 its manifest has now; each run
 * but the newest must be followed by exactly one run. A missing predecessor
 * of the oldest run present is a note (older runs may have been removed by
 * retention); anywhere else it is a gap.
 */
export async function chainFindings(out: string): Promise<ChainFinding> {
  const problems: string[] = [];
  const notes: string[] = [];
  const runs: Link[] = [];
  for (const runId of (await readdir(out)).filter((n) => RUN_ID.test(n)).sort()) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(out, runId, MANIFEST));
    } catch {
      notes.push(`${runId} has no manifest: an incomplete run, not part of the chain`);
      continue;
    }
    let previous: Manifest['previous'];
    try {
      previous = (JSON.parse(bytes.toString('utf8')) as Manifest).previous ?? null;
    } catch {
      problems.push(`chain: ${runId}/${MANIFEST} is not valid JSON, so its link cannot be read`);
      previous = null;
    }
    runs.push({ runId, manifestSha256: sha256(bytes), previous });
  }
  const byId = new Map(runs.map((r) => [r.runId, r]));
  const followers = new Map<string, string[]>();
  runs.forEach((run, i) => {
    const older = runs.slice(0, i);
    if (!run.previous) {
      if (older.length) problems.push(`chain: gap before ${run.runId}: it starts a new chain although ${older.length} older run(s) are in the folder (newest ${older.at(-1)!.runId})`);
      return;
    }
    const { runId, manifestSha256 } = run.previous;
    followers.set(runId, [...(followers.get(runId) ?? []), run.runId]);
    const target = byId.get(runId);
    if (!target) {
      if (older.length) problems.push(`chain: gap: ${run.runId} follows ${runId}, which is not in the folder`);
      else notes.push(`the chain starts at ${run.runId}: its previous run ${runId} is not in the folder`);
    } else if (target.manifestSha256 !== manifestSha256) {
      problems.push(`chain: broken link: ${run.runId} records ${runId}/${MANIFEST} as sha256 ${manifestSha256}, but it is now ${target.manifestSha256} (changed after ${run.runId} was written)`);
    } else if (runId >= run.runId) {
      problems.push(`chain: ${run.runId} names a later run, ${runId}, as its previous run`);
    }
  });
  for (const run of runs.slice(0, -1)) {
    const next = followers.get(run.runId) ?? [];
    if (next.length > 1) problems.push(`chain: fork: ${next.join(' and ')} all follow ${run.runId}`);
    if (!next.length) problems.push(`chain: gap after ${run.runId}: no later run names it as its previous run`);
  }
  return { problems, notes, runs: runs.length };
}
