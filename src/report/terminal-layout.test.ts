import { describe, expect, it } from 'vitest';
import type { ControlRollup } from '../core/controls.js';
import { decideGate } from '../core/gate.js';
import type { Run } from '../core/run.js';
import { renderSummary } from './terminal.js';

const control = (id: string, status: ControlRollup['status'], n: Partial<ControlRollup['counts']>): ControlRollup => ({
  id,
  theme: 'technological',
  title: `title of ${id}`,
  status,
  checks: [],
  checksNotRun: [],
  resources: [],
  counts: { pass: 0, fail: 0, error: 0, not_applicable: 0, ...n },
});
const run = {
  id: '20261130T120000Z-abcdef',
  tool: { version: '0.1.0' },
  scope: { targets: [], checks: [] },
  durationMs: 1000,
  counts: { pass: 1, fail: 1, error: 0, not_applicable: 12, total: 14 },
  budget: {},
  results: [],
  controls: [
    control('A.8.5', 'fail', { pass: 1, fail: 1 }),
    control('A.8.24', 'not_applicable', { not_applicable: 12 }),
    { ...control('A.7.4', 'excluded', {}), exclusion: { justification: 'no premises' } },
  ],
} as unknown as Run;

describe('the terminal summary', () => {
  it('keeps the controls list aligned whatever the status, not_applicable included', () => {
    const lines = renderSummary(run, { colour: false, gate: decideGate([]) }).split('\n');
    const header = lines.find((l) => /^\s+pass\s+fail\s+error\s+n\/a\s+control$/.test(l))!;
    const rows = lines.filter((l) => / {2}A\.8\.\d+ title/.test(l));
    expect(rows).toHaveLength(2);
    const ends = (line: string) => [...line.matchAll(/\S+/g)].map((m) => m.index + m[0].length);
    for (const row of rows) {
      expect(row.indexOf('A.8.'), row).toBe(header.indexOf('control'));
      expect(ends(row).slice(1, 5), row).toEqual(ends(header).slice(0, 4));
    }
    expect(rows.map((r) => r.split(/\s+/).slice(0, 5))).toEqual([
      ['FAIL', '1', '1', '0', '0'],
      ['N/A', '0', '0', '0', '12'],
    ]);
  });

  it('gives excluded controls a column of the theme table, and lists them with their justification', () => {
    const text = renderSummary(run, { colour: false, gate: decideGate([]) });
    const head = text.split('\n').find((l) => l.trimStart().startsWith('pass'))!;
    const all = text.split('\n').find((l) => /^All \d+ controls/.test(l))!;
    expect(all.length).toBe(head.length);
    expect(head.trimEnd().endsWith('excluded')).toBe(true);
    expect(all.trimEnd().endsWith('1')).toBe(true);
    expect(text).toContain('Excluded by the Statement of Applicability\n  A.7.4 title of A.7.4: no premises\n');
  });
});
