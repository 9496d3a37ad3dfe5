/**
 * Measures the rate-limit budget of a full scan and of a rescan of an
 * unchanged generated organisation, as the emulator counts it.
 *
 *   npx tsx test/github/measure-budget.ts [repos=2000] [members=1500]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateLargeOrg } from '../../src/sandbox/github/large-org.js';
import { pointsOf, scanSandbox, startGithubSandbox } from './harness.js';
import { nth } from '../helpers/nth.js';

const repos = Number(process.argv[2] ?? 2000);
const members = Number(process.argv[3] ?? 1500);
const inScope = repos - Math.floor(repos / 25);

const sandbox = await startGithubSandbox(
  generateLargeOrg(repos, members, { scenario: { rateLimits: { rest: 1_000_000, graphql: 1_000_000 } } }),
);
const stateDir = await mkdtemp(path.join(tmpdir(), 'annexa-budget-'));
try {
  const runs: { label: string; rest: number; notModified: number; graphql: number; points: number; seconds: number; errors: string }[] = [];
  for (const label of ['full scan', 'rescan (unchanged)']) {
    sandbox.resetStats();
    const t0 = performance.now();
    const scan = await scanSandbox(sandbox, { stateDir, checkTimeoutMs: 1_800_000 });
    const s = sandbox.stats();
    const kinds = scan.facts.filter((f) => !f.ok).map((f) => `${f.error?.kind}: ${f.error?.message}`);
    const errors = kinds.length ? `${kinds.length} facts not collected, e.g. ${kinds[0]}` : 'every fact collected';
    runs.push({
      errors,
      label,
      rest: s.rest.requests,
      notModified: s.rest.notModified,
      graphql: s.graphql.points,
      points: pointsOf(s),
      seconds: Math.round((performance.now() - t0) / 100) / 10,
    });
  }
  process.stdout.write(`${repos} repositories (${inScope} in scope, archived skipped), ${members} members\n`);
  for (const r of runs) {
    process.stdout.write(
      `${r.label.padEnd(20)} REST ${r.rest} (304: ${r.notModified}), GraphQL ${r.graphql} points → ${r.points} points, ${(r.points / inScope).toFixed(3)} per repository, ${r.seconds}s; ${r.errors}\n`,
    );
  }
  process.stdout.write(`rescan share: ${((nth(runs, 1).points / nth(runs, 0).points) * 100).toFixed(1)}% of the full scan\n`);
} finally {
  await sandbox.stop();
  await rm(stateDir, { recursive: true, force: true });
}
