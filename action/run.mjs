#!/usr/bin/env node
// Entry point of the annexa GitHub Action (action.yml): runs `annexa scan` with
// the action's inputs, writes the SARIF file for the upload step and the step
// summary, and records the scan's exit code as an output. It exits 0 when the
// scan ran, so that the SARIF upload still happens on a failed gate; the
// action's last step exits with the recorded code.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const env = process.env;
// Inputs arrive as INPUT_<NAME>, hyphens as underscores (bash drops variables whose names hold a hyphen).
const input = (name) => (env[`INPUT_${name.toUpperCase().replaceAll('-', '_')}`] ?? '').trim();
const cli = env.ANNEXA_CLI || path.join(import.meta.dirname, '..', 'bin', 'annexa.js');
const work = path.join(env.RUNNER_TEMP || process.cwd(), 'annexa');
mkdirSync(work, { recursive: true });
const sarif = path.join(work, 'annexa.sarif');
const summary = path.join(work, 'annexa-summary.json');

// Extra arguments are split on whitespace (no shell quoting): `--aws --fail-on high`.
const args = [
  'scan',
  ...input('args').split(/\s+/).filter(Boolean),
  '--format',
  'sarif,markdown,json',
  '--output-file',
  sarif,
  '--output-file',
  summary,
];
if (input('config')) args.push('--config', input('config'));
if (input('fail-on')) args.push('--fail-on', input('fail-on'));
if (input('sarif-anchor')) args.push('--sarif-anchor', input('sarif-anchor'));

const run = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', env });
const code = run.status ?? 2;
const outputs = { 'exit-code': String(code) };
if (code === 0 || code === 1) {
  outputs.sarif = sarif;
  outputs.evidence = JSON.parse(readFileSync(summary, 'utf8')).evidence?.dir ?? '';
}
if (env.GITHUB_OUTPUT)
  appendFileSync(
    env.GITHUB_OUTPUT,
    Object.entries(outputs)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
else process.stdout.write(`${JSON.stringify(outputs)}\n`);
process.exitCode = code === 0 || code === 1 ? 0 : code;
