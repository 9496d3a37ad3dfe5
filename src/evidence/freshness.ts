import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ControlRollup, Freshness } from '../core/controls.js';
import { sha256 } from './files.js';
import { MANIFEST, RUN_ID, type Manifest } from './run-folder.js';

const DAY_MS = 86_400_000;

/** Passing evidence: the control passed, or it is manual and the run holds files attached to it. */
const evidences = (c: Pick<ControlRollup, 'status' | 'manualEvidence'>) => c.status === 'pass' || (c.status === 'manual' && Boolean(c.manualEvidence?.length));

/**
 * Sets `freshness` on each control the config gives a maximum evidence age:
 * the newest passing evidence, from this run or from a previous complete run
 * of the same output folder, and whether it is older than allowed. A previous
 * run whose controls.json does not match its manifest is not believed.
 */
export async function annotateFreshness(
  controls: ControlRollup[],
  run: { id: string; startedAt: string },
  maxAgeDays: Record<string, number>,
  out: string | undefined,
): Promise<void> {
  const wanted = controls.filter((c) => maxAgeDays[c.id] !== undefined);
  if (!wanted.length) return;
  const newest = new Map<string, { runId: string; at: string }>();
  for (const c of wanted) if (evidences(c)) newest.set(c.id, { runId: run.id, at: run.startedAt });
  for await (const previous of previousRuns(out, run.id)) {
    if (newest.size === wanted.length) break;
    for (const c of previous.controls) {
      if (maxAgeDays[c.id] !== undefined && !newest.has(c.id) && evidences(c)) newest.set(c.id, { runId: previous.runId, at: previous.startedAt });
    }
  }
  const now = Date.parse(run.startedAt);
  for (const c of wanted) {
    const maxAge = maxAgeDays[c.id] ?? 0; // every wanted control has one
    const found = newest.get(c.id) ?? null;
    const ageMs = found ? Math.max(0, now - Date.parse(found.at)) : null;
    const stale = ageMs === null || ageMs > maxAge * DAY_MS;
    const freshness: Freshness = { maxAgeDays: maxAge, newestPass: found, ageDays: ageMs === null ? null : Math.floor(ageMs / DAY_MS), stale };
    c.freshness = freshness;
  }
}

/** Complete, intact, non-replayed runs of `out` older than `runId`, newest first. */
async function* previousRuns(out: string | undefined, runId: string) {
  if (!out) return;
  let names: string[];
  try {
    names = await readdir(out);
  } catch {
    return;
  }
  for (const name of names.filter((n) => RUN_ID.test(n) && n < runId).sort().reverse()) {
    try {
      const manifest = JSON.parse(await readFile(path.join(out, name, MANIFEST), 'utf8')) as Manifest;
      // A replay judged an old snapshot: it is not evidence collected at its own date.
      if (manifest.scope.replayOf) continue;
      const text = await readFile(path.join(out, name, 'controls.json'));
      if (sha256(text) !== manifest.files['controls.json']?.sha256) continue;
      yield { runId: name, startedAt: manifest.startedAt, controls: (JSON.parse(text.toString('utf8')) as { controls: ControlRollup[] }).controls };
    } catch {
      // Incomplete or unreadable: never evidence.
    }
  }
}
