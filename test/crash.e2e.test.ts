import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { integrityProblems, latestRun, MANIFEST, RUN_ID } from '../src/evidence/run-folder.js';
import { verifyRun } from '../src/evidence/verify.js';
import { seeded } from '../src/sandbox/random.js';
import { tempDir } from './helpers/cli.js';
import { CLI, withCompileCache } from './helpers/cli-process.js';

/**
 * `annexa scan` killed with SIGKILL at seeded moments: from its start-up to
 * past its end, so that kills land while the sandbox answers, while the run
 * folder is written, while retention prunes and while the lock is taken over.
 */
// Trials run in two lanes (one per core of a small CI machine), each with its own output folder.
const LANES = 2;
const TRIALS_PER_LANE = 15;
/** A scan that has not ended by then is hung: killed, and the trial fails on its exit. */
const HUNG_MS = 300_000;
// A small world keeps each trial short: the moments that matter are around the writing of the run.
const SCENARIO = `name: crash
aws:
  accounts:
    - id: "111122223333"
      regions: [us-east-1]
      root: { mfa: virtual }
      users:
        - { name: alice, console: { changed: { days: 10 } }, mfa: [{ type: virtual }] }
        - { name: bob, console: { changed: { days: 10 } } }
`;
const SCAN = ['scan', '--sandbox', 'crash.yaml', '--checks', 'aws.iam.*', '--log-level', 'info', '--keep', '3', '--out', 'evidence'];

interface Spawned {
  /** Milliseconds from spawn to the "scan started" log line, or undefined if the process was killed before it. */
  startedAfter?: number;
  /** Milliseconds from spawn to exit. */
  lasted: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs one scan in `cwd`; `killAt` says when to SIGKILL it (from spawn, or from "scan started"). */
function runScan(cwd: string, killAt?: { from: 'spawn' | 'started'; ms: number }): Promise<Spawned> {
  const began = Date.now();
  const child = spawn(process.execPath, [...CLI, ...SCAN], {
    cwd,
    env: withCompileCache({ ...process.env, NO_COLOR: '1' }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let startedAfter: number | undefined;
  const kill = (ms: number) => setTimeout(() => child.kill('SIGKILL'), ms);
  if (killAt?.from === 'spawn') kill(killAt.ms);
  const hung = setTimeout(() => child.kill('SIGTERM'), HUNG_MS);
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (startedAfter === undefined && stderr.includes('"scan started"')) {
      startedAfter = Date.now() - began;
      if (killAt?.from === 'started') kill(killAt.ms);
    }
  });
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(hung);
      resolve({ startedAfter, lasted: Date.now() - began, code, signal, stderr });
    }),
  );
}

const runFolders = async (out: string) => (existsSync(out) ? (await readdir(out)).filter((n) => RUN_ID.test(n)).sort() : []);

/** Every run folder in `out` is complete: it has a manifest and its files match their hashes. */
async function onlyCompleteRuns(out: string): Promise<string[]> {
  const problems: string[] = [];
  for (const runId of await runFolders(out)) {
    if (!existsSync(path.join(out, runId, MANIFEST))) problems.push(`${runId}: no manifest`);
    else problems.push(...(await integrityProblems(path.join(out, runId))).map((p) => `${runId}: ${p}`));
  }
  return problems;
}

async function lane(seed: number) {
  const random = seeded(seed);
  const cwd = await tempDir('annexa-crash-');
  await writeFile(path.join(cwd, 'crash.yaml'), SCENARIO);
  const out = path.join(cwd, 'evidence');
  // A complete first run measures how long the phases take on this machine.
  const first = await runScan(cwd);
  expect(first.code, first.stderr).toBe(1); // bob has no MFA: the gate fails
  const startup = first.startedAfter ?? first.lasted;
  const tail = first.lasted - startup;
  const trials: { kill: string; outcome: string }[] = [];
  for (let i = 0; i < TRIALS_PER_LANE; i++) {
    const early = random() < 0.2;
    // Past the measured end too (x1.5), so that some scans finish and extend the chain.
    const killAt = early
      ? { from: 'spawn' as const, ms: Math.floor(random() * startup) }
      : { from: 'started' as const, ms: Math.floor(random() * 1.5 * tail) };
    const before = await latestRun(out);
    const r = await runScan(cwd, killAt);
    trials.push({ kill: `${killAt.from}+${killAt.ms}ms`, outcome: r.signal ?? String(r.code) });
    // A stale lock, or leftovers of the run killed before, never stop a scan.
    expect(r.stderr, `trial ${i}`).not.toMatch(/is locked by another scan|"level":50|annexa: /);
    if (r.signal === null) {
      expect(r.code, r.stderr).toBe(1);
      const after = await latestRun(out);
      expect(after?.manifest.previous, `trial ${i}: the chain`).toEqual(
        before ? { runId: before.runId, manifestSha256: before.manifestSha256 } : null,
      );
    }
    expect(await onlyCompleteRuns(out), `trial ${i} (${killAt.from}+${killAt.ms}ms)`).toEqual([]);
  }
  // The next scan runs to its end and links to the last complete run.
  const last = await latestRun(out);
  const final = await runScan(cwd);
  expect(final.code, final.stderr).toBe(1);
  const written = await latestRun(out);
  expect(written?.runId).not.toBe(last?.runId);
  expect(written?.manifest.previous).toEqual({ runId: last!.runId, manifestSha256: last!.manifestSha256 });
  expect((await readdir(out)).filter((n) => n.startsWith('.') && n !== '.state')).toEqual([]);
  for (const runId of await runFolders(out)) {
    const report = await verifyRun(path.join(out, runId));
    expect(report.problems, runId).toEqual([]);
  }
  return trials;
}

describe('annexa scan killed with SIGKILL at seeded moments', () => {
  it(`leaves only complete runs, no lock that blocks, and an unbroken chain (${LANES * TRIALS_PER_LANE} trials)`, async () => {
    const lanes = await Promise.all(Array.from({ length: LANES }, (_, i) => lane(1000 + i)));
    const trials = lanes.flat();
    expect(trials).toHaveLength(LANES * TRIALS_PER_LANE);
    // The seeds spread the kills: some scans died, some finished.
    expect(trials.some((t) => t.outcome === 'SIGKILL')).toBe(true);
  }, 1_200_000); // about 75 s on an idle 2-core machine: 34 start-ups of the CLI
});
