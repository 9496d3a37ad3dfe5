import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import { tlsProvider } from '../../src/providers/tls/provider.js';
import { toTarget } from '../../src/providers/tls/targets.js';
import { serverPool } from '../support/tls/test-servers.js';

const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 5000 };
const pool = serverPool();
afterAll(pool.stopAll);
const server = {
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.3',
  ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA',
  honorCipherOrder: true,
} as const;

/** What the TLS checks read of an endpoint, probed with `probeConcurrency` connections at once. */
async function collect(port: number, probeConcurrency: number) {
  const target = toTarget({ host: '127.0.0.1', port, kind: 'tls', profile: 'mozilla-intermediate', probeConcurrency });
  const facts = tlsProvider.facts(target, new FactStore(new Pools()), runtime);
  const [protocols, handshake, groups] = await Promise.all([facts.protocols(), facts.handshake(), facts.groups()]);
  const suites = await Promise.all(protocols.accepted.map((v) => facts.suites(v)));
  return {
    accepted: protocols.accepted,
    inconclusive: protocols.inconclusive,
    suites: suites.map((s) => [s.version, s.accepted.map((a) => a.name), s.inconclusive]),
    handshake: handshake.completed,
    groups: groups.accepted,
    groupsInconclusive: groups.inconclusive,
  };
}

describe('tls.probeConcurrency: one endpoint probed over concurrent connections', () => {
  it('collects the same facts as one connection at a time', async () => {
    const port = await pool.tls(server);
    const serial = await collect(port, 1);
    expect(serial.accepted).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(await collect(port, 8)).toEqual(serial);
  });

  it('gives a server that serves one connection at a time and hangs up on the others the same facts', async () => {
    const reference = await collect(await pool.tls(server), 1);
    const port = await pool.oneAtATime(server);
    expect(await collect(port, 8)).toEqual(reference);
  });
});
