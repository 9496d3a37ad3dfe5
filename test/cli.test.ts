import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_CONCURRENCY } from '../src/cli/main.js';
import { runCli, tempDir } from './helpers/cli.js';
import { CLI, withCompileCache } from './helpers/cli-process.js';

const ROOT = path.resolve(import.meta.dirname, '..');

describe('annexa --version and --help', () => {
  it('prints the version and exits 0', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it.each([[['--help']], [['scan', '--help']], [['checks', '--help']], [['controls', '--help']]])(
    'prints help for %j and exits 0',
    async (args) => {
      const { code, stdout } = await runCli(args);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: annexa');
    },
  );
});

describe('annexa with no command', () => {
  it('prints the help on stderr, nothing on stdout, and exits 2', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: annexa');
    expect(stderr).toMatch(/^\s+scan\b/m);
  });
});

describe('bad input: one clear line on stderr, exit 2, nothing written', () => {
  const cases: [string, (dir: string) => Promise<string[]>, RegExp][] = [
    ['an unknown flag', async () => ['scan', '--sandbox', '--bogus'], /unknown option '--bogus'/],
    ['an unknown command', async () => ['scna'], /unknown command 'scna'/],
    ['a bad --fail-on', async () => ['scan', '--sandbox', '--fail-on', 'extreme'], /Allowed choices are critical, high, medium, low, none/],
    ['a bad --concurrency', async () => ['scan', '--sandbox', '--concurrency', '0'], /--concurrency expects a positive whole number/],
    ['a bad --tls endpoint', async () => ['scan', '--tls', 'a:b:c'], /--tls a:b:c: expected HOST:PORT/],
    ['an option where --tls wants a host', async () => ['scan', '--tls', '-x'], /--tls -x: expected HOST:PORT/],
    [
      "a --concurrency past the config's bound",
      async () => ['scan', '--sandbox', '--concurrency', '257'],
      /--concurrency expects a positive whole number up to 256, got "257"/,
    ],
    ['no target at all', async () => ['scan'], /nothing to scan: name a target with --sandbox, --aws, --github-org ORG or --tls HOST:PORT/],
    ['--sandbox with a live target', async () => ['scan', '--sandbox', '--tls', 'example.com:443'], /--sandbox cannot be combined/],
    ['an unknown scenario', async () => ['scan', '--sandbox', 'atlantis'], /unknown scenario "atlantis"/],
    [
      'an unreadable config',
      async (dir) => ['scan', '--sandbox', '--config', path.join(dir, 'missing.yaml')],
      /cannot read config .*missing\.yaml: no such file/,
    ],
    [
      'a config with an unknown key',
      async (dir) => ['scan', '--config', await config(dir, 'out: ./ev\nfailon: high\n')],
      /annexa\.config\.yaml: failon: unknown key/,
    ],
    [
      'a config with a wrong type',
      async (dir) => ['scan', '--config', await config(dir, 'concurrency: many\n')],
      /annexa\.config\.yaml: concurrency: must be integer/,
    ],
    [
      'a config with a bad value',
      async (dir) => ['scan', '--config', await config(dir, 'failOn: urgent\n')],
      /failOn: must be one of "critical", "high", "medium", "low", "none"/,
    ],
    [
      'a config that is not YAML',
      async (dir) => ['scan', '--config', await config(dir, 'aws: [\n')],
      /annexa\.config\.yaml: not valid YAML/,
    ],
    ['an unknown check id', async () => ['scan', '--sandbox', '--checks', 'aws.iam.nope'], /--checks aws\.iam\.nope: unknown check id/],
    [
      'a glob matching no check',
      async () => ['scan', '--sandbox', '--skip-checks', 'azure.*'],
      /--skip-checks azure\.\*: pattern matches no check/,
    ],
    [
      'an unknown setting',
      async (dir) => ['scan', '--sandbox', '--config', await config(dir, 'settings:\n  aws.iam.root-mfa:\n    maxAge: 3\n')],
      /settings\.aws\.iam\.root-mfa\.maxAge: unknown setting/,
    ],
    [
      'an output folder that cannot be written',
      async (dir) => {
        await writeFile(path.join(dir, 'a-file'), '');
        return ['scan', '--sandbox', '--out', path.join(dir, 'a-file', 'evidence')];
      },
      /cannot write to output folder .*a-file is not a folder/,
    ],
    [
      'a plugin folder that does not exist',
      async (dir) => ['scan', '--sandbox', '--checks-dir', path.join(dir, 'nope')],
      /cannot read checks folder/,
    ],
  ];

  it.each(cases)('%s', async (_, argsFor, message) => {
    const dir = await tempDir();
    const args = await argsFor(dir);
    const out = path.join(dir, 'evidence');
    const { code, stdout, stderr } = await runCli(args.includes('--out') ? args : [...args, '--out', out], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});

async function config(dir: string, text: string): Promise<string> {
  const file = path.join(dir, 'annexa.config.yaml');
  await writeFile(file, text);
  return file;
}

describe('the annexa binary', () => {
  it('exits with the code main() returns, as a process', async () => {
    const cwd = await tempDir();
    const run = spawnSync(process.execPath, [...CLI, 'scan', '--sandbox', '--bogus'], {
      cwd,
      encoding: 'utf8',
      env: withCompileCache({ ...process.env, NO_COLOR: '1' }),
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe("annexa: error: unknown option '--bogus'");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('says on stderr what an interruption did, exits 2, and leaves no manifest behind', async () => {
    const cwd = await tempDir();
    const child = spawn(process.execPath, [...CLI, 'scan', '--sandbox', '--out', 'evidence'], {
      cwd,
      env: withCompileCache({ ...process.env, NO_COLOR: '1' }),
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        // Interrupted once the scan has started.
        if (stderr.includes('scan started')) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(2);
    expect(stderr).toContain('annexa: interrupted by SIGINT: the scan stopped; a run folder without manifest.json is incomplete');
    const runs = existsSync(path.join(cwd, 'evidence')) ? readdirSync(path.join(cwd, 'evidence')).filter((n) => /^\d{8}T/.test(n)) : [];
    for (const run of runs) expect(existsSync(path.join(cwd, 'evidence', run, 'manifest.json'))).toBe(false);
  }, 60_000);
});

describe('settings that a flag and the config share', () => {
  it("--concurrency has the bound of the config's concurrency", async () => {
    const schema = JSON.parse(await readFile(path.join(ROOT, 'schemas/config.schema.json'), 'utf8'));
    expect(MAX_CONCURRENCY).toBe(schema.properties.concurrency.maximum);
  });
});
