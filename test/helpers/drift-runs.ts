import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ControlRollup } from '../../src/core/controls.js';
import type { Result, Status } from '../../src/core/types.js';
import type { StoredRun } from '../../src/history/runs.js';

/** Two runs with known changes: b1 newly fails, b2 is fixed, `new` appears failing, `gone` disappears, t1 newly errors (A.8.24 regresses). */
const r = (checkId: string, resource: string, status: Status): Result => ({
  checkId,
  resource,
  status,
  severity: 'high',
  message: 'm',
  factRefs: [],
});
const control = (id: string, status: ControlRollup['status'], checks: string[]): ControlRollup => ({
  id,
  theme: 'technological',
  title: `control ${id}`,
  status,
  checks,
  checksNotRun: [],
  resources: [],
  counts: { pass: 0, fail: 0, error: 0, not_applicable: 0 },
});
const run = (runId: string, results: Result[], controls: ControlRollup[]): StoredRun => ({ runId, results, controls, exceptions: [] });

export const before = run(
  'A',
  [
    r('aws.s3.versioning', 'b1', 'pass'),
    r('aws.s3.versioning', 'b2', 'fail'),
    r('aws.s3.versioning', 'gone', 'pass'),
    r('tls.hsts', 't1', 'pass'),
    r('tls.hsts', 't2', 'pass'),
  ],
  [control('A.8.13', 'fail', ['aws.s3.versioning']), control('A.8.24', 'pass', ['tls.hsts']), control('A.5.1', 'manual', [])],
);
export const after = run(
  'B',
  [
    r('aws.s3.versioning', 'b1', 'fail'),
    r('aws.s3.versioning', 'b2', 'pass'),
    r('aws.s3.versioning', 'new', 'fail'),
    r('tls.hsts', 't1', 'error'),
    r('tls.hsts', 't2', 'pass'),
  ],
  [control('A.8.13', 'fail', ['aws.s3.versioning']), control('A.8.24', 'error', ['tls.hsts']), control('A.5.1', 'manual', [])],
);

/** Writes a stored run as a complete run folder (a manifest, results.json and controls.json) of `out`. */
export async function writeRunFolder(
  out: string,
  runId: string,
  stored: StoredRun,
  gate: { passed: boolean; reason: string; rule: string },
): Promise<string> {
  const dir = path.join(out, runId);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'results.json'), JSON.stringify({ runId, results: stored.results }));
  await writeFile(path.join(dir, 'controls.json'), JSON.stringify({ runId, controls: stored.controls }));
  const counts = { pass: 0, fail: 0, error: 0, not_applicable: 0, total: stored.results.length };
  for (const r of stored.results) counts[r.status]++;
  const controls = { pass: 0, fail: 0, error: 0, not_applicable: 0, manual: 0, excluded: 0 };
  for (const c of stored.controls) controls[c.status]++;
  await writeFile(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      runId,
      startedAt: '2026-11-30T06:00:00.000Z',
      durationMs: 1000,
      scope: { targets: [], checks: [] },
      counts,
      controls,
      gate,
      previous: null,
    }),
  );
  return dir;
}
