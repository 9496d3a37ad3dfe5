/**
 * Cross-check against another server process: Debian's `openssl s_server`
 * (skipped where the command is missing).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { enumerateSuites } from './enumerate.js';
import { acceptedVersions } from './probe.js';
import { suiteByName } from './suites.js';
import { closedPort, testCertificate } from '../../../../test/support/tls/test-servers.js';

const hasOpenssl = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
const dir = mkdtempSync(path.join(tmpdir(), 'annexa-s-server-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `openssl s_server` with `args` on a free loopback port; resolves once it accepts. */
async function sServer(args: string[]): Promise<number> {
  const { key, cert } = testCertificate();
  writeFileSync(path.join(dir, 'key.pem'), key);
  writeFileSync(path.join(dir, 'cert.pem'), cert);
  const port = await closedPort();
  const child = spawn('openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-key', 'key.pem', '-cert', 'cert.pem', ...args], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ACCEPT')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`openssl s_server exited with ${code}`)));
  });
  return port;
}

describe.skipIf(!hasOpenssl)('against openssl s_server', () => {
  it('finds TLS 1.1 only, with its DHE and static RSA suites in the server’s order', async () => {
    const port = await sServer(['-tls1_1', '-cipher', 'DHE-RSA-AES256-SHA:AES128-SHA:@SECLEVEL=0', '-serverpref']);
    const versions = await acceptedVersions({ host: '127.0.0.1', port, timeoutMs: 5000 });
    expect(
      Object.entries(versions)
        .filter(([, a]) => a.kind === 'accepted')
        .map(([v]) => v),
    ).toEqual(['TLSv1.1']);
    const suites = await enumerateSuites({ host: '127.0.0.1', port, version: 'TLSv1.1', timeoutMs: 5000 });
    expect(suites.accepted).toEqual([suiteByName('TLS_DHE_RSA_WITH_AES_256_CBC_SHA')!.id, suiteByName('TLS_RSA_WITH_AES_128_CBC_SHA')!.id]);
  });
});
