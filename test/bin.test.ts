import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/cli.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/annexa.js');

// The published binary runs dist/ with plain node: no tsx, no vitest. `npm run build` (which .ci/run
// does before the tests) makes dist/; without it there is nothing to run.
describe.skipIf(!existsSync(path.join(ROOT, 'dist/src/cli.js')))('the built binary (bin/annexa.js over dist/)', () => {
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('finds its checks, mappings and schemas from any working folder', async () => {
    const cwd = await tempDir();
    const checks = run(['checks', '--json'], cwd);
    expect(checks.status).toBe(0);
    expect(JSON.parse(checks.stdout).map((c: { id: string }) => c.id)).toContain('aws.iam.root-mfa');
    const controls = run(['controls', '--json'], cwd);
    expect(JSON.parse(controls.stdout)).toHaveLength(93);
  });

  it('loads a TypeScript check of your own through jiti, with plain node', async () => {
    const cwd = await tempDir();
    const plugin = path.join(ROOT, 'test/fixtures/plugin-ts');
    const out = run(['checks', '--json', '--checks-dir', plugin, '--mapping', path.join(plugin, 'mapping.yaml')], cwd);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout).find((c: { id: string }) => c.id === 'tls.tls13-offered-ts')).toMatchObject({ provider: 'tls', severity: 'low' });
  });
});
