import { spawnSync } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { CLI, withCompileCache } from '../helpers/cli-process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const E2E = { timeout: 180_000 };

/** Runs the real CLI process in a shell pipeline, with pipefail. */
function pipeline(command: string, cwd: string) {
  const cli = [process.execPath, ...CLI].map((a) => JSON.stringify(a)).join(' ');
  return spawnSync('bash', ['-o', 'pipefail', '-c', command.replaceAll('annexa', cli)], {
    cwd,
    encoding: 'utf8',
    timeout: 170_000,
    env: withCompileCache(process.env),
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('papercuts found by trying annexa as a new user would', () => {
  it('--quiet prints nothing but the evidence path on success: no log line on stderr', E2E, async () => {
    const r = await runCli(['scan', '--sandbox', '--checks', 'aws.iam.root-mfa', '--fail-on', 'none', '--quiet'], { cwd: await tempDir() });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\/\S+\/evidence\/\d{8}T\d{6}Z-[0-9a-f]{6}\n$/);
  });

  it('a reader that closes the pipe early: annexa exits quietly, with no EPIPE stack trace', E2E, async () => {
    const cwd = await tempDir();
    for (const command of [
      'annexa controls | head -1',
      'annexa checks | head -1',
      'annexa scan --sandbox --checks "aws.*" --json | head -1',
    ]) {
      const r = pipeline(command, cwd);
      expect(r.stderr, command).not.toMatch(/EPIPE|Error|at /);
      expect(r.status, command).toBe(0);
      expect(r.stdout.split('\n').filter(Boolean), command).toHaveLength(1);
    }
  });

  it('annexa.config.example.yaml copied to annexa.config.yaml gives a config that runs', E2E, async () => {
    const cwd = await tempDir();
    await copyFile(path.join(ROOT, 'annexa.config.example.yaml'), path.join(cwd, 'annexa.config.yaml'));
    const r = await runCli(['scan', '--sandbox', '--quiet'], { cwd });
    expect(r.stderr).not.toMatch(/^annexa: (?!gate failed)/m);
    expect([0, 1]).toContain(r.code);
  });

  it('errors name their source: the config file and key, never a flag the user did not give; YAML errors end cleanly', async () => {
    const cwd = await tempDir();
    const file = path.join(cwd, 'annexa.config.yaml');
    await writeFile(file, 'settings:\n  aws.iam.root-mfaa: { x: 1 }\n');
    expect((await runCli(['scan', '--sandbox'], { cwd })).stderr).toBe(`annexa: ${file}: settings.aws.iam.root-mfaa: unknown check id\n`);
    await writeFile(file, 'checks:\n  include: [aws.iam.nope]\n');
    expect((await runCli(['scan', '--sandbox'], { cwd })).stderr).toBe(
      `annexa: ${file}: checks.include aws.iam.nope: unknown check id (see \`annexa checks\`)\n`,
    );
    expect((await runCli(['scan', '--sandbox', '--checks', 'aws.iam.nope'], { cwd })).stderr).toBe(
      'annexa: --checks aws.iam.nope: unknown check id (see `annexa checks`)\n',
    );
    await writeFile(file, 'severityOverrides:\n  aws.iam.nope: low\n');
    expect((await runCli(['scan', '--sandbox'], { cwd })).stderr).toBe(
      `annexa: ${file}: severityOverrides.aws.iam.nope: unknown check id (see \`annexa checks\`)\n`,
    );
    await writeFile(file, 'applicability:\n  excluded:\n    - { control: A.5.99, justification: x }\n');
    expect((await runCli(['scan', '--sandbox'], { cwd })).stderr).toBe(
      `annexa: ${file}: applicability.excluded.0.control: A.5.99 is not an Annex A 2022 control (see \`annexa controls\`)\n`,
    );
    await writeFile(file, 'out: a: b\n');
    const yaml = await runCli(['scan', '--sandbox'], { cwd });
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(new RegExp(`^annexa: ${file}: not valid YAML: .*[^:]\\n$`));
  });

  it('a GitHub API that cannot be reached is not logged as HTTP 500, and no log line repeats a key', E2E, async () => {
    const port = await closedPort();
    const r = await runCli(['scan', '--github-org', 'acme', '--github-api-url', `http://127.0.0.1:${port}`, '--out', 'evidence'], {
      cwd: await tempDir(),
      env: { GITHUB_TOKEN: 'test-token' },
    });
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toMatch(/ - 500 /);
      // JSON.parse keeps one of two equal keys: a line that repeats a key does not survive the round trip.
      expect(JSON.stringify(JSON.parse(line))).toBe(line);
    }
    expect(r.stderr).toMatch(/ECONNREFUSED/);
  });
});
