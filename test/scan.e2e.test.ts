import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validatorFor } from '../src/core/schemas.js';
import { integrityProblems, MANIFEST } from '../src/evidence/run-folder.js';
import { sha256 } from '../src/evidence/files.js';
import { runCli, tempDir, type CliRun } from './helpers/cli.js';

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

// One full scan is shared by the tests that only read it; the others run one check, so each costs
// little more than starting the sandbox.
describe('annexa scan --sandbox, end to end through the CLI', () => {
  let dir: string;
  let out: string;
  let first: CliRun;
  beforeAll(async () => {
    dir = await tempDir();
    out = path.join(dir, 'evidence');
    first = await runCli(['scan', '--sandbox', '--out', out, '--json'], { cwd: dir });
    // The shared full scan carries four tests: give it room on a loaded machine (a limit, not a check of speed).
  }, 120_000);

  it('leaves exactly one complete run folder whose files match their hashes and schemas', async () => {
    expect(first.stderr).not.toMatch(/annexa: /);
    const summary = JSON.parse(first.stdout);
    const runs = (await readdir(out)).filter((n) => !n.startsWith('.'));
    expect(runs).toEqual([summary.id]);
    const runDir = path.join(out, summary.id);
    expect((await readdir(runDir)).sort()).toEqual(['checks.json', 'controls.json', 'manifest.json', 'results.json', 'snapshot.json']);
    expect(await integrityProblems(runDir)).toEqual([]);
    for (const name of ['manifest', 'results', 'controls', 'snapshot', 'checks']) {
      const validate = validatorFor(name);
      expect(validate(await readJson(path.join(runDir, `${name}.json`))), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const manifest = await readJson(path.join(runDir, MANIFEST));
    expect(manifest.previous).toBeNull();
    expect(manifest.scope.sandbox).toBe('acme');
    expect(manifest.collector.length).toBeGreaterThan(0);
    expect(summary.evidence.manifestSha256).toBe(sha256(await readFile(path.join(runDir, MANIFEST))));

    const results = (await readJson(path.join(runDir, 'results.json'))).results;
    expect(results.find((r: { checkId: string }) => r.checkId === 'aws.iam.root-mfa')).toBeDefined();
    expect(summary.results).toEqual(results);
    const snapshot = (await readJson(path.join(runDir, 'snapshot.json'))).facts;
    const refs = new Set(snapshot.map((f: { ref: string }) => f.ref));
    for (const r of results) for (const ref of r.factRefs) expect(refs.has(ref), `${r.checkId} reads ${ref}`).toBe(true);
  });

  it('applies the gate: the acme scenario has failures, so a plain scan exits 1', () => {
    const summary = JSON.parse(first.stdout);
    expect(summary.gate).toMatchObject({ passed: false, applied: true });
    expect(summary.gate.reason).toMatch(/^\d+ fails?/);
    expect(first.code).toBe(1);
  });

  it('runs only the selected checks, chains each run to the previous one, and --fail-on none --allow-errors passes the gate', async () => {
    const one = ['scan', '--sandbox', '--out', out, '--quiet', '--checks', 'aws.iam.root-access-keys'];
    const gated = await runCli(one, { cwd: dir });
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(/^annexa: gate failed: 1 fail\b/m);
    const second = gated.stdout.trim();
    const results = (await readJson(path.join(second, 'results.json'))).results;
    expect(new Set(results.map((r: { checkId: string }) => r.checkId))).toEqual(new Set(['aws.iam.root-access-keys']));
    const summary = JSON.parse(first.stdout);
    expect((await readJson(path.join(second, MANIFEST))).previous).toEqual({
      runId: summary.id,
      manifestSha256: summary.evidence.manifestSha256,
    });

    const lenient = await runCli([...one, '--fail-on', 'none', '--allow-errors'], { cwd: dir });
    expect(lenient.stderr).not.toMatch(/^annexa: /m);
    expect(lenient.code).toBe(0);
  });

  it('npm start: the demo prints the summary and the evidence path, exits 0, and says how the gate would have decided', async () => {
    const { code, stdout } = await runCli(['scan', '--sandbox', '--demo', '--checks', 'aws.iam.root-access-keys'], {
      cwd: await tempDir(),
    });
    expect(code).toBe(0);
    expect(stdout).toContain('Annex A controls by theme');
    expect(stdout).toMatch(/Evidence {2}evidence\/\d{8}T\d{6}Z-[0-9a-f]{6}\//);
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^Demo: the gate is not applied here; `annexa scan` would have failed: /);
  });
});

describe('annexa checks and annexa controls', () => {
  it('lists aws.iam.root-mfa with its controls', async () => {
    const { code, stdout } = await runCli(['checks', '--json']);
    expect(code).toBe(0);
    const rootMfa = JSON.parse(stdout).find((c: { id: string }) => c.id === 'aws.iam.root-mfa');
    expect(rootMfa).toMatchObject({ provider: 'aws', severity: expect.any(String) });
    expect(rootMfa.controls.map((l: { control: string }) => l.control)).toContain('A.8.5');
  });

  it('lists the 93 controls, with which are automated and which manual only', async () => {
    const { code, stdout } = await runCli(['controls', '--json']);
    expect(code).toBe(0);
    const controls = JSON.parse(stdout);
    expect(controls).toHaveLength(93);
    expect(controls.find((c: { id: string }) => c.id === 'A.8.5')).toMatchObject({
      coverage: 'automated',
      checks: expect.arrayContaining(['aws.iam.root-mfa']),
    });
    expect(controls.find((c: { id: string }) => c.id === 'A.7.4')).toMatchObject({ coverage: 'manual', checks: [] });
  });
});
