import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FactError, FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import { tlsProvider } from '../../src/providers/tls/provider.js';
import { reserveClosedPort } from '../../src/sandbox/tls/listeners.js';
import { toTarget } from '../../src/providers/tls/targets.js';

const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 500 };
const factsFor = (host: string, port: number) =>
  tlsProvider.facts(toTarget({ host, port, kind: 'https', profile: 'mozilla-intermediate' }), new FactStore(new Pools()), runtime);

describe('TLS facts of an endpoint that is not there', () => {
  it('are unreachable errors when the port refuses connections', async () => {
    const { port } = await reserveClosedPort();
    const facts = factsFor('127.0.0.1', port);
    for (const read of [facts.protocols, facts.handshake, facts.hsts]) {
      await expect(read()).rejects.toMatchObject({ kind: 'unreachable' });
    }
  });

  it('are timeout errors when nothing answers the connection', async () => {
    // 192.0.2.0/24 (TEST-NET-1) is never routed: the connection hangs or fails, it never reaches a server.
    const facts = factsFor('192.0.2.1', 443);
    const err = await facts.handshake().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FactError);
    expect(['timeout', 'unreachable']).toContain((err as FactError).kind);
  });
});
