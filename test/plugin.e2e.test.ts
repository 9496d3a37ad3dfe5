import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../src/core/schemas.js';
import { runCli, tempDir } from './helpers/cli.js';

const PLUGIN = path.resolve(import.meta.dirname, 'fixtures/plugin');
const BAD_PLUGIN = path.resolve(import.meta.dirname, 'fixtures/plugin-bad');

describe('a check of your own (docs/writing-checks.md)', () => {
  it('is loaded from the folder that plugins: names, mapped through your mapping file, and runs beside the built-in checks over the same facts', async () => {
    const dir = await tempDir();
    await cp(PLUGIN, path.join(dir, 'annexa-checks'), { recursive: true });
    await writeFile(path.join(dir, 'annexa.config.yaml'), 'plugins:\n  - checks: annexa-checks\n    mapping: annexa-checks/mapping.yaml\n');
    const { code, stdout, stderr } = await runCli(
      ['scan', '--sandbox', '--json', '--checks', 'tls.*', '--fail-on', 'none', '--allow-errors'],
      { cwd: dir },
    );
    expect(stderr).not.toMatch(/^annexa: /m);
    expect(code).toBe(0);
    const run = JSON.parse(stdout);
    const mine = run.results.filter((r: { checkId: string }) => r.checkId === 'tls.tls13-offered');
    expect(mine.length).toBe(run.scope.targets.filter((t: { provider: string }) => t.provider === 'tls').length);
    expect(new Set(mine.map((r: { status: string }) => r.status))).toEqual(new Set(['pass', 'fail', 'error']));
    // The acme relay that never upgrades to TLS has no protocol list to read: a check that does not handle that
    // gets an error for it from the runner, never a pass.
    const errors = mine.filter((r: { status: string }) => r.status === 'error').map((r: { resource: string }) => r.resource);
    expect(errors).toEqual([expect.stringMatching(/^tls:smtp:\/\/relay\.acme\.test@/)]);
    expect(mine[0].controls).toEqual(['A.8.24']);
    // Fetched once: the protocol fact my check read is the one tls.protocol-versions read.
    const builtin = run.results.find(
      (r: { checkId: string; resource: string }) => r.checkId === 'tls.protocol-versions' && r.resource === mine[0].resource,
    );
    expect(builtin.factRefs.some((ref: string) => mine[0].factRefs.includes(ref))).toBe(true);
  });

  it('without its mapping, is refused with exit 2', async () => {
    const dir = await tempDir();
    const { code, stderr } = await runCli(['scan', '--sandbox', '--checks-dir', PLUGIN], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('annexa: mapping: check tls.tls13-offered is not mapped to any control');
  });

  it('returning results outside the contract, has each one recorded as an error naming it, and the evidence still validates', async () => {
    const dir = await tempDir();
    const { code, stdout } = await runCli(
      [
        'scan',
        '--sandbox',
        '--json',
        '--checks-dir',
        BAD_PLUGIN,
        '--mapping',
        path.join(BAD_PLUGIN, 'mapping.yaml'),
        '--checks',
        'tls.bad-results',
        '--out',
        'evidence',
      ],
      { cwd: dir },
    );
    expect(code).toBe(1);
    const run = JSON.parse(stdout);
    expect(run.results.length).toBeGreaterThan(0);
    for (const r of run.results) {
      expect(r).toMatchObject({
        checkId: 'tls.bad-results',
        status: 'error',
        severity: 'low',
        message: expect.stringContaining('check tls.bad-results returned a result annexa cannot record'),
      });
      expect(r.waiver).toBeUndefined();
    }
    const messages = run.results.map((r: { message: string }) => r.message).join('\n');
    expect(messages).toContain('status: must be one of');
    expect(messages).toContain("another check's id (tls.hsts)");
    expect(messages).toContain('sets its own waiver');
    expect(messages).toContain('severity: must be one of');
    const validate = validatorFor('results');
    expect(validate(JSON.parse(await readFile(path.join(run.evidence.dir, 'results.json'), 'utf8'))), JSON.stringify(validate.errors)).toBe(
      true,
    );
  });
});
