import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { CLI_FOR_SCRIPTS, withCompileCache } from '../helpers/cli-process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function runAction(cwd: string, inputs: Record<string, string>, extraEnv: Record<string, string>) {
  // The entry point runs the CLI the tests' helper picks (the build when it is fresh, else the sources).
  const env: NodeJS.ProcessEnv = withCompileCache({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(CLI_FOR_SCRIPTS.nodeOptions && { NODE_OPTIONS: CLI_FOR_SCRIPTS.nodeOptions }),
    ANNEXA_CLI: CLI_FOR_SCRIPTS.entry,
    RUNNER_TEMP: cwd,
    ...extraEnv,
  });
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replaceAll('-', '_')}`] = v;
  return spawnSync(process.execPath, [path.join(ROOT, 'action/run.mjs')], { cwd, env, encoding: 'utf8', timeout: 170_000 });
}

describe('the GitHub Action', () => {
  it('declares its inputs as the entry point reads them and ends with the scan exit code', async () => {
    const action = parseYaml(await readFile(path.join(ROOT, 'action.yml'), 'utf8'));
    expect(Object.keys(action.inputs)).toEqual(['args', 'config', 'fail-on', 'sarif-anchor', 'upload-sarif']);
    const scanStep = action.runs.steps.find((s: { id?: string }) => s.id === 'scan');
    expect(Object.keys(scanStep.env)).toEqual(['INPUT_ARGS', 'INPUT_CONFIG', 'INPUT_FAIL_ON', 'INPUT_SARIF_ANCHOR']);
    expect(action.runs.steps.at(-1).run).toContain('steps.scan.outputs.exit-code');
  });

  it(
    'entry point: runs the scan, writes the SARIF and the step summary, records the exit code and exits 0 so the upload still runs',
    { timeout: 180_000 },
    async () => {
      const dir = await tempDir();
      const output = path.join(dir, 'github-output');
      const summary = path.join(dir, 'step-summary.md');
      await writeFile(output, '');
      const r = runAction(
        dir,
        { args: '--sandbox --checks aws.iam.root-mfa,aws.iam.console-mfa', 'fail-on': 'high' },
        { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary },
      );
      expect(r.status, r.stderr).toBe(0);
      const outputs = Object.fromEntries(
        (await readFile(output, 'utf8'))
          .trim()
          .split('\n')
          .map((l) => l.split(/=(.*)/s).slice(0, 2)),
      );
      expect(outputs['exit-code']).toBe('1');
      expect(outputs.sarif).toBe(path.join(dir, 'annexa', 'annexa.sarif'));
      expect(JSON.parse(await readFile(outputs.sarif, 'utf8')).version).toBe('2.1.0');
      expect(outputs.evidence).toMatch(/evidence\/\d{8}T\d{6}Z-[0-9a-f]{6}$/);
      expect(await readFile(summary, 'utf8')).toMatch(/^## annexa: gate FAILED/);
    },
  );

  it('entry point: a scan that cannot run passes its exit code 2 through, with no SARIF output', { timeout: 60_000 }, async () => {
    const dir = await tempDir();
    const output = path.join(dir, 'github-output');
    await writeFile(output, '');
    const r = runAction(dir, { args: '--sandbox --checks no.such-check' }, { GITHUB_OUTPUT: output });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('annexa: --checks no.such-check: unknown check id');
    expect((await readFile(output, 'utf8')).trim()).toBe('exit-code=2');
  });
});
