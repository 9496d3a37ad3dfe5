import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../src/core/schemas.js';
import { integrityProblems, MANIFEST } from '../src/evidence/run-folder.js';
import { sha256 } from '../src/evidence/files.js';
import { runCli, tempDir } from './helpers/cli.js';

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

describe('annexa scan --sandbox, end to end through the CLI', () => {
  it('leaves exactly one complete run folder whose files match their hashes and schemas, and chains the next run to it', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'evidence');
    const first = await runCli(['scan', '--sandbox', '--out', out, '--json'], { cwd: dir });
    expect(first.stderr).not.toMatch(/annexa: /);
    expect([0, 1]).toContain(first.code);
    const summary = JSON.parse(first.stdout);
    expect(summary.gate.passed).toBe(first.code === 0);

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

    const second = await runCli(['scan', '--sandbox', '--out', out, '--json'], { cwd: dir });
    const secondId = JSON.parse(second.stdout).id;
    const secondManifest = await readJson(path.join(out, secondId, MANIFEST));
    expect(secondManifest.previous).toEqual({ runId: summary.id, manifestSha256: summary.evidence.manifestSha256 });
  });

  it('npm start: the demo prints the summary and the evidence path, exits 0, and says how the gate would have decided', async () => {
    const dir = await tempDir();
    const { code, stdout } = await runCli(['scan', '--sandbox', '--demo'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('Annex A controls by theme');
    expect(stdout).toMatch(/Evidence {2}evidence\/\d{8}T\d{6}Z-[0-9a-f]{6}\//);
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^Demo: the gate is not applied here; `annexa scan` would have (passed|failed): /);
  });

  it('applies the gate: the acme scenario has failures, so a plain scan exits 1 and --fail-on none still fails on nothing but errors', async () => {
    const dir = await tempDir();
    const gated = await runCli(['scan', '--sandbox', '--quiet'], { cwd: dir });
    expect(gated.code).toBe(1);
    expect(gated.stderr).toMatch(/annexa: gate failed: \d+ fails?/);
    const lenient = await runCli(['scan', '--sandbox', '--quiet', '--fail-on', 'none', '--allow-errors'], { cwd: dir });
    expect(lenient.code).toBe(0);
  });

  it('runs only the selected checks', async () => {
    const dir = await tempDir();
    const { stdout } = await runCli(['scan', '--sandbox', '--json', '--checks', 'aws.iam.root-mfa'], { cwd: dir });
    const ids = new Set(JSON.parse(stdout).results.map((r: { checkId: string }) => r.checkId));
    expect([...ids]).toEqual(['aws.iam.root-mfa']);
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
    expect(controls.find((c: { id: string }) => c.id === 'A.8.5')).toMatchObject({ coverage: 'automated', checks: expect.arrayContaining(['aws.iam.root-mfa']) });
    expect(controls.find((c: { id: string }) => c.id === 'A.7.4')).toMatchObject({ coverage: 'manual', checks: [] });
  });
});
