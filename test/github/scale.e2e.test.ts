import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLargeOrg } from '../../src/sandbox/github/large-org.js';
import type { GithubSandbox } from '../../src/sandbox/github/index.js';
import { githubChecks, pointsOf, recordedPoints, scanSandbox, startGithubSandbox, type ScanOutcome } from './harness.js';

const REPOS = 260;
const MEMBERS = 230;
const IN_SCOPE = REPOS - Math.floor(REPOS / 25); // every 25th is archived

describe('a paginated organisation (more than one page of repositories and members)', () => {
  let sandbox: GithubSandbox;
  let stateDir: string;
  let full: { scan: ScanOutcome; points: number };
  let rescan: { scan: ScanOutcome; points: number; notModified: number };

  beforeAll(async () => {
    sandbox = await startGithubSandbox(generateLargeOrg(REPOS, MEMBERS));
    stateDir = await mkdtemp(path.join(tmpdir(), 'annexa-github-state-'));
    sandbox.resetStats();
    const first = await scanSandbox(sandbox, { stateDir });
    full = { scan: first, points: pointsOf(sandbox.stats()) };
    sandbox.resetStats();
    const second = await scanSandbox(sandbox, { stateDir });
    rescan = { scan: second, points: pointsOf(sandbox.stats()), notModified: sandbox.stats().rest.notModified };
  }, 240_000);
  afterAll(() => sandbox?.stop());

  it('judges every repository in scope, from every page', () => {
    const judged = new Set(full.scan.results.filter((r) => r.checkId === 'github.repo.branch-protection').map((r) => r.resource));
    expect(judged.size).toBe(IN_SCOPE);
    expect(judged.has(`github:bigcorp/service-${String(REPOS - 2).padStart(5, '0')}`)).toBe(true);
    expect(full.scan.results.filter((r) => r.status === 'error').map((r) => r.message)).toEqual([]);
  });

  it('reads members from every page', () => {
    const noTwoFactor = full.scan.results.find((r) => r.checkId === 'github.org.members-without-2fa');
    // i % 97 === 13: user00013 on the first page of 100, user00110 and user00207 on the next two.
    expect(noTwoFactor?.observed).toMatchObject({ members: ['user00013', 'user00110', 'user00207'] });
    const lists = full.scan.facts.find((f) => f.key === 'github.org.repos')!.calls;
    expect(lists.length).toBe(Math.ceil(REPOS / 100));
  });

  it('the budget covers every GitHub check: each one judged the organisation', async () => {
    const ran = [...new Set(full.scan.results.map((r) => r.checkId))].sort();
    expect(ran).toEqual((await githubChecks()).map((c) => c.meta.id).sort());
  });

  it(`a full scan spends at most 3 rate-limit points per repository`, () => {
    const perRepo = full.points / IN_SCOPE;
    expect(perRepo).toBeLessThanOrEqual(3);
    // The run's own budget (from its call records) agrees with what the emulator charged.
    expect(recordedPoints(full.scan.facts)).toBe(full.points);
  });

  it('a rescan of the unchanged organisation spends at most 10% of the full scan, the rest answered 304', () => {
    expect(rescan.points).toBeGreaterThan(0);
    expect(rescan.points).toBeLessThanOrEqual(full.points * 0.1);
    expect(rescan.notModified).toBeGreaterThan(IN_SCOPE);
  });

  it('the rescan budget recorded in the run agrees with the emulator', () => {
    expect(recordedPoints(rescan.scan.facts)).toBe(rescan.points);
  });

  it('the rescan reaches the same verdicts', () => {
    const key = (s: ScanOutcome) => s.results.map((r) => `${r.checkId} ${r.resource} ${r.status}`).sort();
    expect(key(rescan.scan)).toEqual(key(full.scan));
  });
});
