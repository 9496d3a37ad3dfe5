import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/core/provider.js';
import { tlsProvider } from '../../src/providers/tls/provider.js';
import type { TlsTargetOptions } from '../../src/providers/tls/types.js';
import type { TlsScenario } from '../../src/sandbox/tls/index.js';
import { scanSandbox, tlsChecks } from './harness.js';

// The bench's modelled network (docs/benchmark.md): a relay in front of each endpoint holds every chunk half a
// round trip each way. It must change how long a scan takes, never what it finds.
const SECTION: TlsScenario = {
  endpoints: [
    { name: 'good', servername: 'good.latency.test', hsts: 'max-age=63072000; includeSubDomains' },
    {
      name: 'legacy',
      servername: 'old.latency.test',
      protocols: { min: 'TLSv1.0', max: 'TLSv1.2' },
      ciphers: 'ECDHE-RSA-AES128-SHA:AES128-SHA',
    },
    { name: 'raw', kind: 'tls', servername: 'raw.latency.test', raw: { versions: ['TLSv1.0'], suites: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA'] } },
  ],
};
const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 10_000 };
const sandboxes: SandboxHandle<TlsTargetOptions>[] = [];
afterAll(() => Promise.all(sandboxes.map((s) => s.stop())));

async function verdicts(section: TlsScenario) {
  const sandbox = await tlsProvider.sandbox!(section, runtime);
  sandboxes.push(sandbox);
  const { verdict } = await scanSandbox(sandbox, await tlsChecks());
  const checks = ['tls.protocol-versions', 'tls.cipher-suites', 'tls.certificate', 'tls.hsts'];
  const all = section.endpoints!.flatMap((e) => checks.map((id) => [`${e.name} ${id}`, verdict(e.name, id)] as const));
  return { sandbox, verdicts: Object.fromEntries(all.map(([k, r]) => [k, `${r.status} ${r.messageId ?? ''}`])) };
}

describe('a TLS sandbox with modelled latency', () => {
  it('gives the verdicts of the same endpoints without it, through the relays', async () => {
    const direct = await verdicts(SECTION);
    const slow = await verdicts({ ...SECTION, latencyMs: 20 });
    expect(slow.verdicts).toEqual(direct.verdicts);
    const relays = slow.sandbox.stats?.() as { connections: number; peakOpen: number; roundTrips: number; waitingMs: number };
    // Every probe of the scan went through a relay: at least one connection per endpoint and check family.
    expect(relays.connections).toBeGreaterThanOrEqual(SECTION.endpoints!.length * 3);
    expect(relays.peakOpen).toBeGreaterThanOrEqual(1);
    // each connection answered at least once; node:tls handshakes take more than one round trip
    expect(relays.roundTrips).toBeGreaterThan(relays.connections);
    // and waited a whole round trip for each answer (timers may fire up to a millisecond early)
    expect(relays.waitingMs).toBeGreaterThanOrEqual(relays.roundTrips * 19);
    expect(direct.sandbox.stats?.()).toEqual({ connections: 0, peakOpen: 0, roundTrips: 0, openMs: 0, waitingMs: 0 });
  }, 120_000);
});
