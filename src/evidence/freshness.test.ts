import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Run } from '../core/run.js';
import type { Result } from '../core/types.js';
import { result, sampleRun } from '../../test/helpers/sample-run.js';
import { annotateFreshness } from './freshness.js';
import { newRunId, writeRunFolder } from './run-folder.js';

const runAt = (at: string, status: Result['status']) => sampleRun(at, [result(status, 'arn:aws:iam::111122223333:root')]);

const control = (run: Run, id: string) => run.controls.find((c) => c.id === id)!;

describe('evidence freshness', () => {
  it('finds the newest pass in earlier runs of the same folder and flags it when older than the maximum age', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'annexa-fresh-'));
    await writeRunFolder(out, runAt('2026-01-01T00:00:00.000Z', 'pass'));
    await writeRunFolder(out, runAt('2026-01-20T00:00:00.000Z', 'pass'));
    await writeRunFolder(out, runAt('2026-02-01T00:00:00.000Z', 'fail'));
    const now = runAt('2026-03-01T00:00:00.000Z', 'fail');
    await annotateFreshness(now.controls, now, { 'A.8.5': 30, 'A.5.1': 90 }, out);
    expect(control(now, 'A.8.5').freshness).toEqual({
      maxAgeDays: 30,
      newestPass: { runId: newRunId(new Date('2026-01-20T00:00:00.000Z'), 'abc123'), at: '2026-01-20T00:00:00.000Z' },
      ageDays: 40,
      stale: true,
    });
    // A control with no passing evidence anywhere is stale, never "fresh by default".
    expect(control(now, 'A.5.1').freshness).toMatchObject({ newestPass: null, ageDays: null, stale: true });
    expect(control(now, 'A.8.24').freshness).toBeUndefined();
  });

  it("counts this run's own pass as fresh, and a manual control's attached evidence as evidence", async () => {
    const now = runAt('2026-03-01T00:00:00.000Z', 'pass');
    control(now, 'A.5.1').manualEvidence = [{ path: 'manual/A.5.1/policy.pdf', sha256: '0'.repeat(64), bytes: 1 }];
    await annotateFreshness(now.controls, now, { 'A.8.5': 1, 'A.5.1': 1 }, undefined);
    expect(control(now, 'A.8.5').freshness).toMatchObject({ ageDays: 0, stale: false });
    expect(control(now, 'A.5.1').freshness).toMatchObject({ ageDays: 0, stale: false });
  });
});
