import { describe, expect, it } from 'vitest';
import { decideGate } from '../core/gate.js';
import type { Run } from '../core/run.js';
import type { Result } from '../core/types.js';
import { renderMarkdown } from './markdown.js';

const fails: Result[] = Array.from({ length: 3000 }, (_, i) => ({
  checkId: 'github.repo.branch-protection',
  resource: `github:acme/repo-${i}`,
  status: 'fail',
  severity: 'high',
  message: `the default branch of repo-${i} | has no protection`,
  factRefs: [],
}));
const run = {
  id: '20261130T120000Z-abcdef',
  scope: { targets: [], checks: ['github.repo.branch-protection'] },
  counts: { pass: 0, fail: fails.length, error: 0, not_applicable: 0, total: fails.length },
  results: fails,
  controls: [
    {
      id: 'A.8.32',
      theme: 'technological',
      title: 'Change management',
      status: 'fail',
      checks: ['github.repo.branch-protection'],
      checksNotRun: [],
      resources: [],
      counts: { pass: 0, fail: 3000, error: 0, not_applicable: 0 },
    },
  ],
} as unknown as Run;
const bytes = (s: string) => Buffer.byteLength(s);

describe('the Markdown summary', () => {
  it('lists the worst findings, escaping table pipes', () => {
    const md = renderMarkdown(run, { gate: decideGate(fails) });
    expect(md).toMatch(/^## annexa: gate FAILED\n/);
    expect(md).toContain(
      '| high | `github.repo.branch-protection` | `github:acme/repo-0` | the default branch of repo-0 \\| has no protection |',
    );
    expect(bytes(md)).toBeLessThanOrEqual(65_000);
  });

  it.each([20_000, 2_000, 300])('shrinks its lists, then cuts, to stay under %i bytes', (max) => {
    const md = renderMarkdown(run, { gate: decideGate(fails), maxBytes: max });
    expect(bytes(md)).toBeLessThanOrEqual(max);
    expect(md.length).toBeGreaterThan(0);
    expect(md.startsWith('## annexa: gate FAILED')).toBe(true);
  });
});
