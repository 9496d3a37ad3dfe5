import { mkdir, mkdtemp, readFile, readdir, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { rollUpControls } from '../core/controls.js';
import { loadCatalog } from '../core/mapping.js';
import { validatorFor } from '../core/schemas.js';
import type { Result } from '../core/types.js';
import { Secrets } from '../core/secrets.js';
import * as files from './files.js';
import { integrityProblems, latestRun, writeRunFolder } from './run-folder.js';
import { result, sampleRun } from '../../test/helpers/sample-run.js';

const tempOut = () => mkdtemp(path.join(tmpdir(), 'annexa-evidence-'));

describe('the evidence run folder', () => {
  it('writes the four files, each valid against its schema, with hashes that match', async () => {
    const out = await tempOut();
    const { dir, manifest } = await writeRunFolder(out, sampleRun('2026-03-01T10:00:00.000Z'));
    expect((await readdir(dir)).sort()).toEqual(['controls.json', 'manifest.json', 'results.json', 'snapshot.json']);
    for (const name of ['manifest', 'results', 'controls', 'snapshot']) {
      const validate = validatorFor(name);
      const data = JSON.parse(await readFile(path.join(dir, `${name}.json`), 'utf8'));
      expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    }
    for (const [name, { sha256 }] of Object.entries(manifest.files)) expect(files.sha256(await readFile(path.join(dir, name)))).toBe(sha256);
    expect(await integrityProblems(dir)).toEqual([]);
    expect(manifest.previous).toBeNull();
  });

  it('chains each manifest to the previous run in the same folder', async () => {
    const out = await tempOut();
    const first = await writeRunFolder(out, sampleRun('2026-03-01T10:00:00.000Z'));
    const second = await writeRunFolder(out, sampleRun('2026-03-02T10:00:00.000Z'));
    expect(second.manifest.previous).toEqual({ runId: first.manifest.runId, manifestSha256: files.sha256(await readFile(path.join(first.dir, 'manifest.json'))) });
  });

  it('finds tampering: a changed file no longer matches the manifest', async () => {
    const out = await tempOut();
    const { dir } = await writeRunFolder(out, sampleRun('2026-03-01T10:00:00.000Z'));
    const file = path.join(dir, 'results.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"pass"', '"fail"'));
    expect(await integrityProblems(dir)).toEqual([expect.stringMatching(/^results\.json: sha256 [0-9a-f]{64} does not match/)]);
  });

  it('leaves no run folder when a write fails, and never chains to that incomplete run', async () => {
    const out = await tempOut();
    const complete = await writeRunFolder(out, sampleRun('2026-03-01T10:00:00.000Z'));
    const spy = vi.spyOn(files, 'writeAtomic').mockImplementationOnce(async () => {}).mockRejectedValueOnce(new Error('disk full'));
    await expect(writeRunFolder(out, sampleRun('2026-03-02T10:00:00.000Z'))).rejects.toThrow('disk full');
    spy.mockRestore();
    expect((await readdir(out)).sort()).toEqual([complete.manifest.runId]);
    expect((await latestRun(out))?.runId).toBe(complete.manifest.runId);
  });

  it('never links a fake newest run folder, nor one whose files no longer match, as the previous run', async () => {
    const out = await tempOut();
    const real = await writeRunFolder(out, sampleRun('2026-03-01T10:00:00.000Z'));
    const fake = path.join(out, '99991231T235959Z-ffffff');
    await mkdir(fake);
    await writeFile(path.join(fake, 'manifest.json'), '{"fake":true}');
    const tampered = await writeRunFolder(out, sampleRun('2026-03-02T10:00:00.000Z'));
    await writeFile(path.join(tampered.dir, 'results.json'), '{"runId":"x","results":[]}\n');
    const skipped: string[] = [];
    const next = await writeRunFolder(out, sampleRun('2026-03-03T10:00:00.000Z'), { onSkip: (runId, reason) => skipped.push(`${runId}: ${reason}`) });
    expect(next.manifest.previous).toEqual({ runId: real.manifest.runId, manifestSha256: real.manifestSha256 });
    expect(skipped).toEqual([
      expect.stringMatching(/^99991231T235959Z-ffffff: manifest.json does not match the manifest schema/),
      expect.stringMatching(new RegExp(`^${tampered.manifest.runId}: results.json: sha256`)),
    ]);
  });

  it('writes through a temporary name: no temporary file is left behind', async () => {
    const out = await tempOut();
    const { dir } = await writeRunFolder(out, sampleRun('2026-03-01T10:00:00.000Z'));
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('writeAtomic', () => {
  it('replaces a file whole and cleans up when it cannot write', async () => {
    const dir = await tempOut();
    const file = path.join(dir, 'x.json');
    await files.writeAtomic(file, 'old');
    await files.writeAtomic(file, 'new');
    expect(await readFile(file, 'utf8')).toBe('new');
    if (process.getuid?.() !== 0) {
      await chmod(dir, 0o500);
      await expect(files.writeAtomic(file, 'newer')).rejects.toThrow();
      await chmod(dir, 0o700);
      expect(await readFile(file, 'utf8')).toBe('new');
    }
  });
});

describe('controls.json roll-up', () => {
  it('covers all 93 controls: fail beats error beats pass, and uncovered controls are manual', () => {
    const mapping = { 'a.b.one': [{ control: 'A.8.5', rationale: 'r' }], 'a.b.two': [{ control: 'A.8.5', rationale: 'r' }, { control: 'A.8.24', rationale: 'r' }], 'a.b.three': [{ control: 'A.8.20', rationale: 'r' }] };
    const r = (checkId: string, status: Result['status']) => ({ ...result(status, 'x'), checkId });
    const controls = rollUpControls(loadCatalog(), mapping, [r('a.b.one', 'pass'), r('a.b.two', 'error'), r('a.b.two', 'pass')]);
    const byId = Object.fromEntries(controls.map((c) => [c.id, c]));
    expect(controls).toHaveLength(93);
    expect(byId['A.8.5']).toMatchObject({ status: 'error', checks: ['a.b.one', 'a.b.two'], counts: { pass: 2, error: 1, fail: 0, not_applicable: 0 } });
    expect(byId['A.8.24']?.status).toBe('error');
    expect(byId['A.8.20']).toMatchObject({ status: 'manual', checks: [], checksNotRun: ['a.b.three'] });
    expect(byId['A.5.1']?.status).toBe('manual');
    const failing = rollUpControls(loadCatalog(), mapping, [r('a.b.one', 'fail'), r('a.b.two', 'error')]);
    expect(failing.find((c) => c.id === 'A.8.5')?.status).toBe('fail');
  });
});

describe('the evidence writer and the run\'s secrets', () => {
  it('refuses to write a file that would hold one, naming where it came from, and leaves no manifest', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'annexa-secret-'));
    const run = sampleRun('2026-05-01T10:00:00.000Z', [{ ...result('error', 'arn:aws:iam::111122223333:root'), message: 'GET http://u:planted-password-1@h/ failed' }]);
    const secrets = new Secrets().add('planted-password-1', 'the credentials in github.apiUrl');
    await expect(writeRunFolder(out, run, { secrets })).rejects.toThrow('refusing to write results.json: it would hold the value of the credentials in github.apiUrl');
    expect(await latestRun(out)).toBeUndefined();
    const written = await readdir(path.join(out, run.id)).catch(() => []);
    expect(written).not.toContain('manifest.json');
  });
});
