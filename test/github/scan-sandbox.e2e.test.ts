import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../src/core/loader.js';
import { scan } from '../../src/scan.js';

describe('scan({ sandbox: "acme" }) — what `annexa scan --sandbox` runs', () => {
  it('reports every GitHub check with passes and failures, no errors, and a GitHub budget', async () => {
    const { run } = await scan({ sandbox: 'acme', out: false, checks: ['github.*'] });
    const github = run.results.filter((r) => r.checkId.startsWith('github.'));
    const ids = [...new Set(github.map((r) => r.checkId))].sort();
    expect(ids).toEqual(
      (await loadChecks())
        .filter((c) => c.meta.provider === 'github')
        .map((c) => c.meta.id)
        .sort(),
    );
    for (const id of ids) {
      const statuses = new Set(github.filter((r) => r.checkId === id).map((r) => r.status));
      expect([id, statuses.has('pass'), statuses.has('fail'), statuses.has('error')]).toEqual([id, true, true, false]);
    }
    expect(run.identities.find((i) => i.provider === 'github')?.principal).toMatch(/\S/);
    expect(run.budget.github).toMatchObject({ requests: expect.any(Number), points: expect.any(Number) });
    expect(run.budget.github?.points).toBeGreaterThan(0);
  });
});
