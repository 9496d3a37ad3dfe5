import { describe, expect, it } from 'vitest';
import { countResults, rollUpControls } from '../core/controls.js';
import { loadCatalog } from '../core/mapping.js';
import type { Run } from '../core/run.js';
import { renderSummary } from './terminal.js';

describe('the terminal summary', () => {
  it('lists each control whose newest passing evidence is older than its maximum age', () => {
    const controls = rollUpControls(loadCatalog(), {}, []);
    controls.find((c) => c.id === 'A.8.5')!.freshness = {
      maxAgeDays: 30,
      newestPass: { runId: '20260101T000000Z-aaaaaa', at: '2026-01-01T00:00:00.000Z' },
      ageDays: 59,
      stale: true,
    };
    controls.find((c) => c.id === 'A.5.1')!.freshness = { maxAgeDays: 30, newestPass: null, ageDays: null, stale: true };
    controls.find((c) => c.id === 'A.8.24')!.freshness = {
      maxAgeDays: 30,
      newestPass: { runId: 'x', at: '2026-02-28T00:00:00.000Z' },
      ageDays: 1,
      stale: false,
    };
    const run = {
      id: 'r',
      tool: { version: '0' },
      scope: { targets: [], checks: [] },
      durationMs: 1,
      controls,
      results: [],
      counts: countResults([]),
      budget: {},
    } as unknown as Run;
    const text = renderSummary(run, { colour: false, gate: { passed: true, reason: 'r', rule: 'r' } as never });
    const title = (id: string) => controls.find((c) => c.id === id)!.title;
    expect(text).toContain(
      `STALE  A.8.5 ${title('A.8.5')}: newest passing evidence 59 days old (run 20260101T000000Z-aaaaaa); maximum 30 days`,
    );
    expect(text).toContain(`STALE  A.5.1 ${title('A.5.1')}: no passing evidence in this output folder; maximum 30 days`);
    expect(text).not.toContain('A.8.24 ');
  });
});
