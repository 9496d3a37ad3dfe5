import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countResults, rollUpControls } from '../core/controls.js';
import { loadCatalog } from '../core/mapping.js';
import type { Run } from '../core/run.js';
import type { Result } from '../core/types.js';
import { annotateFreshness } from './freshness.js';
import { newRunId, writeRunFolder } from './run-folder.js';

const mapping = { 'aws.iam.root-mfa': [{ control: 'A.8.5', rationale: 'r' }] };

function runAt(at: string, status: Result['status']): Run {
  const results: Result[] = [{ checkId: 'aws.iam.root-mfa', resource: 'arn:aws:iam::111122223333:root', status, severity: 'critical', message: status, factRefs: [] }];
  return {
    id: newRunId(new Date(at), 'abc123'),
    startedAt: at,
    finishedAt: at,
    durationMs: 1,
    tool: { name: 'annexa', version: '0.1.0', node: process.version },
    framework: 'ISO/IEC 27001:2022 Annex A',
    scope: { targets: [], checks: ['aws.iam.root-mfa'] },
    identities: [],
    configHash: null,
    counts: countResults(results),
    budget: {},
    results,
    controls: rollUpControls(loadCatalog(), mapping, results),
    facts: [],
  };
}

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
