import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GithubSandbox } from '../../src/sandbox/github/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { scenarioSection, startGithubSandbox } from './harness.js';

/** `annexa scan --github-org` against the emulator as if it were a GitHub server: live mode, not --sandbox. */
describe('annexa scan --github-org against a GitHub-compatible endpoint', () => {
  let sandbox: GithubSandbox;
  beforeAll(async () => {
    sandbox = await startGithubSandbox(scenarioSection('acme'));
  });
  afterAll(() => sandbox?.stop());

  // Two whole scans of the organisation with every GitHub check; nothing here is timed.
  it(
    'reads the token from GITHUB_TOKEN and the endpoint from GITHUB_API_URL, and rescans from the ETag cache',
    { timeout: 120_000 },
    async () => {
      const dir = await tempDir();
      const env = { GITHUB_TOKEN: sandbox.tokens.default, GITHUB_API_URL: sandbox.apiUrl };
      const args = ['scan', '--github-org', 'acme', '--out', path.join(dir, 'evidence'), '--json', '--checks', 'github.*'];
      const first = await runCli(args, { cwd: dir, env });
      expect(first.stderr).not.toMatch(/annexa: /);
      const run = JSON.parse(first.stdout);
      const statuses = new Set(run.results.map((r: { status: string }) => r.status));
      expect(statuses).toEqual(new Set(['pass', 'fail', 'not_applicable']));
      expect(JSON.stringify(run)).not.toContain(sandbox.tokens.default);

      sandbox.resetStats();
      const second = await runCli(args, { cwd: dir, env });
      expect(JSON.parse(second.stdout).results.length).toBe(run.results.length);
      // Only error answers cost again, which GitHub sends without an ETag: the code-scanning answers of docs-site and
      // payments-service (404 no analysis found) and legacy-billing (403, no Advanced Security).
      expect(sandbox.stats().rest.requests).toBe(3);
      expect(sandbox.stats().rest.notModified).toBeGreaterThan(0);
    },
  );

  it('--github-api-url wins over GITHUB_API_URL', async () => {
    const dir = await tempDir();
    const { code, stdout } = await runCli(
      [
        'scan',
        '--github-org',
        'acme',
        '--github-api-url',
        sandbox.apiUrl,
        '--out',
        path.join(dir, 'e'),
        '--json',
        '--checks',
        'github.org.*',
        // It judges acme's repositories, two of which have overdue alerts; the organisation's own settings all pass.
        '--skip-checks',
        'github.org.open-alerts',
      ],
      {
        cwd: dir,
        env: { GITHUB_TOKEN: sandbox.tokens.default, GITHUB_API_URL: 'http://127.0.0.1:1' },
      },
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).results.every((r: { status: string }) => r.status === 'pass')).toBe(true);
  });

  it('without a token, exit 2 naming the variable to set', async () => {
    const { code, stderr } = await runCli(['scan', '--github-org', 'acme', '--github-api-url', sandbox.apiUrl], { env: {} });
    expect(code).toBe(2);
    expect(stderr).toContain('GITHUB_TOKEN');
  });
});
