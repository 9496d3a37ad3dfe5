import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGithubSandbox, type GithubSandbox } from '../../src/sandbox/github/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { scenarioSection } from './harness.js';

/**
 * The ETag cache is bound to the evidence chain: editing a cached body (here:
 * the list of members without 2FA, emptied) must not turn a fail into a pass
 * sealed by the next manifest as a 304.
 */

let sandbox: GithubSandbox;
beforeAll(async () => {
  sandbox = await startGithubSandbox(scenarioSection('acme'));
});
afterAll(() => sandbox?.stop());

async function scan(cwd: string) {
  const out = await runCli(
    [
      'scan',
      '--github-org',
      'acme-labs',
      '--github-api-url',
      sandbox.apiUrl,
      '--checks',
      'github.org.*',
      '--out',
      'evidence',
      '--json',
      '--fail-on',
      'none',
      '--allow-errors',
    ],
    {
      cwd,
      env: { GITHUB_TOKEN: sandbox.tokens.default },
    },
  );
  expect(out.code, out.stderr).toBe(0);
  const run = JSON.parse(out.stdout);
  const snapshot = JSON.parse(await readFile(path.join(run.evidence.dir, 'snapshot.json'), 'utf8'));
  const manifest = JSON.parse(await readFile(path.join(run.evidence.dir, 'manifest.json'), 'utf8'));
  return { run, snapshot, manifest, stderr: out.stderr };
}

const twoFa = (run: { results: { checkId: string; status: string }[] }) =>
  run.results.find((r) => r.checkId === 'github.org.members-without-2fa')?.status;
const twoFaCalls = (snapshot: { facts: { key: string; calls: { status?: number }[] }[] }) =>
  snapshot.facts.find((f) => f.key === 'github.org.members(filter=2fa_disabled)')!.calls.map((c) => c.status);

describe('the ETag cache and the evidence chain', () => {
  it('honours a 304 only for a body the previous run recorded; a poisoned entry is dropped with a warning and fetched again', async () => {
    const cwd = await tempDir();
    const first = await scan(cwd);
    expect(twoFa(first.run)).toBe('fail');
    const etags = path.join(cwd, 'evidence', '.state', 'github-etags');
    expect(Object.keys(first.manifest.cache).length).toBe((await readdir(etags)).length);

    // An honest second run answers from the cache.
    const second = await scan(cwd);
    expect(twoFaCalls(second.snapshot)).toEqual([304]);
    expect(second.manifest.cache).toEqual(first.manifest.cache);

    // Poison: the cached list of members without 2FA, emptied; and a stray file no run recorded.
    let poisoned = '';
    for (const name of await readdir(etags)) {
      const entry = JSON.parse(await readFile(path.join(etags, name), 'utf8'));
      if (!entry.url.includes('filter=2fa_disabled')) continue;
      poisoned = name;
      await writeFile(path.join(etags, name), JSON.stringify({ ...entry, body: '[]' }));
    }
    expect(poisoned).not.toBe('');
    await writeFile(path.join(etags, 'stray.json'), '{}');

    const third = await scan(cwd);
    expect(twoFa(third.run)).toBe('fail');
    expect(twoFaCalls(third.snapshot)).toEqual([200]);
    expect(third.stderr).toContain('ETag cache entry does not match the hash the previous run recorded');
    expect(third.manifest.cache[`github-etags/${poisoned}`]).toBe(first.manifest.cache[`github-etags/${poisoned}`]);
    expect(await readdir(etags)).not.toContain('stray.json');
  }, 60_000);
});
