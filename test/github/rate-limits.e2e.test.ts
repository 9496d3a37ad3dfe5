import { describe, expect, it } from 'vitest';
import type { GithubScenario } from '../../src/sandbox/github/index.js';
import { scanSandbox, scenarioSection, startGithubSandbox } from './harness.js';

const acmeWith = (extra: Partial<GithubScenario>): GithubScenario => ({ ...scenarioSection('acme'), ...extra });

async function scanAcme(scenario: GithubScenario) {
  const sandbox = await startGithubSandbox(scenario);
  try {
    return { scan: await scanSandbox(sandbox, { orgs: ['acme'] }), stats: sandbox.stats() };
  } finally {
    await sandbox.stop();
  }
}

describe('rate limits', () => {
  it('a burst of secondary rate limits is waited out (retry-after) and the scan completes', async () => {
    const { scan } = await scanAcme(acmeWith({ faults: { secondaryRateLimit: { after: 2, count: 3, retryAfterSeconds: 1 } } }));
    expect(scan.results.filter((r) => r.status === 'error').map((r) => r.message)).toEqual([]);
    expect(scan.results.find((r) => r.checkId === 'github.org.two-factor-required')?.status).toBe('pass');
  });

  it('past the retry budget, the facts are throttled errors, never verdicts', async () => {
    const { scan } = await scanAcme(acmeWith({ faults: { secondaryRateLimit: { after: 0, count: 100_000, retryAfterSeconds: 1 } } }));
    expect(scan.results.length).toBeGreaterThan(0);
    for (const r of scan.results) expect(r).toMatchObject({ status: 'error', message: expect.stringMatching(/rate limit/) });
    const throttled = scan.facts.filter((f) => !f.ok).map((f) => f.error?.kind);
    expect(new Set(throttled)).toEqual(new Set(['throttled']));
  });

  it('an exhausted primary limit that resets beyond the wait budget fails fast as throttled', async () => {
    const { scan } = await scanAcme(acmeWith({ rateLimits: { rest: 3, graphql: 5000 } }));
    const errors = scan.results.filter((r) => r.status === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(scan.facts.filter((f) => !f.ok).every((f) => f.error?.kind === 'throttled')).toBe(true);
  });
});

describe('the GraphQL budget', () => {
  it('exhausted, the repository facts are throttled errors and REST-only checks still judge', async () => {
    // One point an hour: the first organisation's query (1 point) runs, the second one's is refused.
    const sandbox = await startGithubSandbox(acmeWith({ rateLimits: { rest: 5000, graphql: 1 } }));
    try {
      const scan = await scanSandbox(sandbox);
      const batches = scan.facts.filter((f) => f.key.startsWith('github.repos.graphql'));
      expect(batches.map((f) => f.ok).sort()).toEqual([false, true]);
      const refused = batches.find((f) => !f.ok)!;
      expect(refused.error?.kind).toBe('throttled');
      const org = refused.target.replace(/^github:/, '');
      const protection = scan.results.filter(
        (r) => r.checkId === 'github.repo.branch-protection' && r.resource.startsWith(`github:${org}/`),
      );
      expect(protection.length).toBeGreaterThan(0);
      for (const r of protection) expect(r).toMatchObject({ status: 'error', message: expect.stringMatching(/rate limit/i) });
      const secrets = scan.results.filter((r) => r.checkId === 'github.repo.secret-scanning' && r.resource.startsWith(`github:${org}/`));
      expect(secrets.every((r) => r.status !== 'error')).toBe(true);
    } finally {
      await sandbox.stop();
    }
  });
});
