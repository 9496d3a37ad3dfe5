import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/cli.js';
import { withCompileCache } from './helpers/cli-process.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/annexa.js');
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: withCompileCache({ ...process.env, NO_COLOR: '1' }) });

// The published binary runs dist/ with plain node: no tsx, no vitest. `npm run build` (which .ci/run
// does before the tests) makes dist/; without it there is nothing to run.
describe.skipIf(!existsSync(path.join(ROOT, 'dist/src/cli.js')))('the built binary (bin/annexa.js over dist/)', () => {
  it('finds its checks, mappings and schemas from any working folder', async () => {
    const cwd = await tempDir();
    const checks = run(['checks', '--json'], cwd);
    expect(checks.status).toBe(0);
    expect(JSON.parse(checks.stdout).map((c: { id: string }) => c.id)).toContain('aws.iam.root-mfa');
    const controls = run(['controls', '--json'], cwd);
    expect(JSON.parse(controls.stdout)).toHaveLength(93);
  });

  // A run may be made by one install (sources under tsx, as a developer runs it) and checked by
  // another (the published CLI): both must name a built-in check by the same file and hash.
  it('verifies a run made from the sources, re-evaluating its built-in checks', { timeout: 120_000 }, async () => {
    const cwd = await tempDir();
    // The acme estate fails some IAM checks: the gate's exit 1 is expected, the run folder is what is verified.
    const scan = await runCli(['scan', '--sandbox', '--checks', 'aws.iam.*', '--out', 'evidence', '--quiet'], { cwd });
    expect(scan.code).toBe(1);
    const runDir = scan.stdout.trim();
    const verify = run(['verify', path.resolve(cwd, runDir), '--json'], cwd);
    const report = JSON.parse(verify.stdout);
    expect(report.problems).toEqual([]);
    expect(verify.status).toBe(0);
    expect(report.reevaluation.results).toBeGreaterThan(0);
    expect(report.reevaluation.reproduced).toBe(report.reevaluation.results);
  });

  it('loads a TypeScript check of your own through jiti, with plain node', async () => {
    const cwd = await tempDir();
    const plugin = path.join(ROOT, 'test/fixtures/plugin-ts');
    const out = run(['checks', '--json', '--checks-dir', plugin, '--mapping', path.join(plugin, 'mapping.yaml')], cwd);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout).find((c: { id: string }) => c.id === 'tls.tls13-offered-ts')).toMatchObject({
      provider: 'tls',
      severity: 'low',
    });
  });
});

// Plugins through the real binary and Node's own loader: vitest's loader would hide how plain node
// resolves a relative folder or reads a `.ts` file in a CommonJS project.
// Each case starts node over dist/, which takes seconds on a loaded machine.
describe.skipIf(!existsSync(path.join(ROOT, 'dist/src/cli.js')))(
  'checks of your own, through the built binary',
  { timeout: 60_000 },
  () => {
    const ids = (stdout: string) => JSON.parse(stdout).map((c: { id: string }) => c.id);

    /** A project folder holding a copy of a fixture plugin in `annexa-checks/`, with this package.json. */
    async function project(fixture: 'plugin' | 'plugin-ts', packageJson: Record<string, unknown>): Promise<string> {
      const dir = await tempDir();
      await cp(path.join(ROOT, 'test/fixtures', fixture), path.join(dir, 'annexa-checks'), { recursive: true });
      await writeFile(path.join(dir, 'package.json'), JSON.stringify(packageJson));
      return dir;
    }

    it('loads a TypeScript check from a relative --checks-dir', async () => {
      const cwd = await project('plugin-ts', { type: 'module' });
      const out = run(['checks', '--json', '--checks-dir', './annexa-checks', '--mapping', './annexa-checks/mapping.yaml'], cwd);
      expect(out.stderr).toBe('');
      expect(out.status).toBe(0);
      expect(ids(out.stdout)).toContain('tls.tls13-offered-ts');
    });

    it('loads a TypeScript check in a project whose package.json says "type": "commonjs"', async () => {
      const cwd = await project('plugin-ts', { type: 'commonjs' });
      const out = run(['checks', '--json', '--checks-dir', 'annexa-checks', '--mapping', 'annexa-checks/mapping.yaml'], cwd);
      expect(out.stderr).toBe('');
      expect(ids(out.stdout)).toContain('tls.tls13-offered-ts');
    });

    it('loads a .mjs check, in a CommonJS project too', async () => {
      const cwd = await project('plugin', { type: 'commonjs' });
      const out = run(['checks', '--json', '--checks-dir', 'annexa-checks', '--mapping', 'annexa-checks/mapping.yaml'], cwd);
      expect(out.stderr).toBe('');
      expect(ids(out.stdout)).toContain('tls.tls13-offered');
    });

    it('takes plugins: from the config: checks and controls list them', async () => {
      const cwd = await project('plugin-ts', { type: 'commonjs' });
      await mkdir(path.join(cwd, 'conf'));
      // Paths in the config are relative to the config's folder.
      await writeFile(
        path.join(cwd, 'conf/annexa.config.yaml'),
        'plugins:\n  - checks: ../annexa-checks\n    mapping: ../annexa-checks/mapping.yaml\n',
      );
      const config = ['--config', 'conf/annexa.config.yaml'];
      const checks = run(['checks', '--json', ...config], cwd);
      expect(checks.stderr).toBe('');
      expect(ids(checks.stdout)).toContain('tls.tls13-offered-ts');
      const controls = run(['controls', '--json', ...config], cwd);
      expect(JSON.parse(controls.stdout).find((c: { id: string }) => c.id === 'A.8.24').checks).toContain('tls.tls13-offered-ts');
    });
  },
);
