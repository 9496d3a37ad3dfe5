import { afterAll, describe, expect, it } from 'vitest';
import { enumerateSuites } from './enumerate.js';
import { ScanConnections } from './connection-limit.js';
import { ConnectionGate } from './gate.js';
import { acceptedVersions } from './probe.js';
import { createServer } from 'node:tls';
import { suiteByName } from './suites.js';
import { serverPool, testCertificate } from '../../../../test/support/tls/test-servers.js';

const id = (name: string): number => suiteByName(name)!.id;
const pool = serverPool();
afterAll(pool.stopAll);
const base = { host: '127.0.0.1', timeoutMs: 5000 };
// a static-RSA CBC suite the server prefers (a late candidate), and two ECDHE ones (early)
const serverOrder = ['TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'];
const tls12 = {
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.2',
  ciphers: 'AES128-SHA:ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256',
  honorCipherOrder: true,
} as const;

/** The versions of a server that speaks TLS 1.2 alone: accepted, every other one refused. */
function expectTls12Only(versions: Record<string, { kind: string }>): void {
  expect(Object.entries(versions).map(([v, a]) => `${v} ${a.kind}`)).toEqual([
    'SSLv3 rejected',
    'TLSv1.0 rejected',
    'TLSv1.1 rejected',
    'TLSv1.2 accepted',
    'TLSv1.3 rejected',
  ]);
}

describe('probing one endpoint over concurrent connections (the gate)', () => {
  it('enumerates the same suites, in the server’s order, as one connection at a time', async () => {
    const tlsServer = createServer({ ...testCertificate(), ...tls12 }, (s) => s.end());
    tlsServer.on('tlsClientError', () => undefined);
    let open = 0;
    let peak = 0;
    const port = await pool.tcp((socket) => {
      peak = Math.max(peak, ++open);
      socket.once('close', () => open--);
      tlsServer.emit('connection', socket);
    });
    const serial = await enumerateSuites({ ...base, port, version: 'TLSv1.2' });
    // the server may see a closed connection a moment after the client opened the next one: 2, not more
    expect(peak).toBeLessThanOrEqual(2);
    const gate = new ConnectionGate(4);
    const concurrent = await enumerateSuites({ ...base, port, version: 'TLSv1.2', gate });
    expect(serial.accepted).toEqual(serverOrder.map(id));
    expect(concurrent.accepted).toEqual(serial.accepted);
    expect(concurrent.inconclusive).toBeUndefined();
    expect(peak).toBeGreaterThan(2);
    expect(gate.width).toBe(4);
  });

  for (const hangUp of ['close', 'reset'] as const) {
    it(`gives a server that ${hangUp === 'close' ? 'hangs up on' : 'resets'} concurrent connections the serial verdicts, then probes it one at a time`, async () => {
      const port = await pool.oneAtATime(tls12, hangUp);
      const gate = new ConnectionGate(8);
      const versions = await acceptedVersions({ ...base, port, gate });
      expectTls12Only(versions);
      // every refusal is the server's own alert, not the hang-up the front gave the crowded connections
      for (const a of Object.values(versions)) if (a.kind === 'rejected') expect(a.alert?.name).toBeDefined();
      expect(gate.width).toBe(1);
      const suites = await enumerateSuites({ ...base, port, version: 'TLSv1.2', gate });
      expect(suites).toMatchObject({ accepted: serverOrder.map(id) });
      expect(suites.inconclusive).toBeUndefined();
    });
  }

  it('reads a one-at-a-time server the same within a scan-wide limit that other endpoints share', async () => {
    const port = await pool.oneAtATime(tls12);
    const scan = new ScanConnections(2);
    const other = await pool.tls(tls12);
    const [versions, elsewhere] = await Promise.all([
      acceptedVersions({ ...base, port, gate: new ConnectionGate(8, scan.forEndpoint()) }),
      acceptedVersions({ ...base, port: other, gate: new ConnectionGate(8, scan.forEndpoint()) }),
    ]);
    expectTls12Only(versions);
    expectTls12Only(elsewhere);
    for (const a of Object.values(versions)) if (a.kind === 'rejected') expect(a.alert?.name).toBeDefined();
  });

  it('enumerates a one-at-a-time server correctly even when it starts wide', async () => {
    const port = await pool.oneAtATime(tls12);
    const suites = await enumerateSuites({ ...base, port, version: 'TLSv1.2', gate: new ConnectionGate(8) });
    expect(suites.accepted).toEqual(serverOrder.map(id));
    expect(suites.inconclusive).toBeUndefined();
  });

  it('refuses a width that is not a positive integer', () => {
    expect(() => new ConnectionGate(0)).toThrow(/positive integer/);
  });
});
