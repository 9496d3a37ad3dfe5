import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/core/provider.js';
import type { Result } from '../../src/core/types.js';
import type { TlsTargetOptions } from '../../src/providers/tls/types.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { startE2eSandbox } from './harness.js';

// `annexa scan --tls 127.0.0.1:PORT` with no config file, over real listeners.
let sandbox: SandboxHandle<TlsTargetOptions>;
beforeAll(async () => {
  sandbox = await startE2eSandbox();
}, 60_000);
afterAll(() => sandbox?.stop());

const endpointOf = (name: string): string => {
  const endpoint = sandbox.endpoints[name];
  if (!endpoint) throw new Error(`no sandbox endpoint ${name}`);
  return endpoint;
};

const scanJson = async (...names: string[]) => {
  const out = await tempDir('annexa-tls-cli-');
  const flags = names.flatMap((n) => ['--tls', endpointOf(n)]);
  const run = await runCli(['scan', ...flags, '--json', '--out', out]);
  return { ...run, report: JSON.parse(run.stdout) as { results: Result[] } };
};

describe('annexa scan --tls', () => {
  it('scans any endpoint named on the command line, with no config file', async () => {
    const { code, report } = await scanJson('tls10-11');
    const port = endpointOf('tls10-11').split(':')[1];
    const byCheck = Object.fromEntries(report.results.map((r) => [r.checkId, r]));
    expect(Object.keys(byCheck).sort()).toEqual(['tls.certificate', 'tls.cipher-suites', 'tls.hsts', 'tls.protocol-versions']);
    expect(byCheck['tls.protocol-versions']).toMatchObject({ resource: `tls:127.0.0.1:${port}`, status: 'fail' });
    // No SNI and a port other than 443: plain TLS, and the certificate must name 127.0.0.1 (it does not).
    expect(byCheck['tls.hsts']?.status).toBe('not_applicable');
    expect(byCheck['tls.certificate']?.message).toMatch(/does not name 127\.0\.0\.1/);
    expect(code).toBe(1);
  });

  it('reports an unreachable endpoint as errors for every check, HSTS included, and fails the gate', async () => {
    const { code, report } = await scanJson('gone');
    expect(report.results.map((r) => r.status)).toEqual(report.results.map(() => 'error'));
    expect(report.results.map((r) => r.checkId)).toContain('tls.hsts');
    expect(code).toBe(1);
  });
});
