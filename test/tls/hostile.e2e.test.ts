import { connect, createServer, type Server, type Socket } from 'node:net';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FactError, FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import { CONNECTIONS_PER_DEADLINE, tlsProvider } from '../../src/providers/tls/provider.js';
import { toTarget } from '../../src/providers/tls/targets.js';
import { suiteByName } from '../../src/providers/tls/wire/index.js';
import { startRawTlsListener, type RawListener } from '../../src/sandbox/tls/raw-listener.js';

// Servers that answer as an attacker or a broken network would: every TLS fact stays bounded in bytes and time.
const TIMEOUT_MS = 400;
const log = pino({ level: 'silent' });
const open: Array<{ stop(): Promise<void> }> = [];

async function listen(onSocket: (socket: Socket) => void): Promise<{ port: number; connections: () => number }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, connections: () => connections };
}

function factsFor(port: number, callTimeoutMs = TIMEOUT_MS) {
  const target = toTarget({ host: '127.0.0.1', port, kind: 'tls', profile: 'mozilla-intermediate' });
  return tlsProvider.facts(target, new FactStore(new Pools()), { log, env: {}, callTimeoutMs });
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.stop()));
});
afterAll(async () => {
  await Promise.all(open.map((l) => l.stop()));
});

describe('hostile TLS servers', () => {
  it('endless bytes: a probe stops reading at its byte limit, and the version is inconclusive, not accepted', async () => {
    const hello = Buffer.from([22, 3, 3, 0, 4, 0, 0, 0, 0]); // a HelloRequest, again and again
    const { port } = await listen((socket) => {
      const flood = () => {
        while (!socket.destroyed && socket.write(Buffer.concat(Array.from({ length: 512 }, () => hello)))) {
          /* until the socket pushes back */
        }
      };
      socket.once('data', () => {
        flood();
        socket.on('drain', flood);
      });
    });
    // a generous connection limit: the byte limit, not the clock, ends the probe
    const p = await factsFor(port, 10_000).protocols();
    expect(p.accepted).toEqual([]);
    expect(p.versions['TLSv1.2']).toMatchObject({ kind: 'error', reason: expect.stringMatching(/bytes without a ServerHello/) });
  });

  it('a truncated record, then a close: every version is inconclusive, none accepted', async () => {
    const { port } = await listen((socket) => socket.once('data', () => socket.end(Buffer.from([22, 3, 3, 0, 80, 2, 0, 0])))); // 3 of 80 bytes
    const p = await factsFor(port).protocols();
    expect(p.accepted).toEqual([]);
    expect(p.inconclusive).toEqual(['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
    expect(p.versions['TLSv1.2']).toMatchObject({ kind: 'error', reason: expect.stringMatching(/answer truncated/) });
  });

  it('a stall: no answer within the connection limit is inconclusive', async () => {
    const { port } = await listen(() => {});
    const p = await factsFor(port).protocols();
    expect(p.accepted).toEqual([]);
    expect(p.versions['TLSv1.3']).toMatchObject({ kind: 'error', reason: expect.stringMatching(/timeout after 400 ms waiting/) });
    expect(p.versions.SSLv2).toMatchObject({ kind: 'error' });
  });

  it('a server that answers every hello just inside the connection limit cannot hold a fact past its deadline', async () => {
    // a real legacy listener behind a proxy that holds each answer for most of the connection limit
    const suites = [
      'TLS_RSA_WITH_RC4_128_SHA',
      'TLS_RSA_WITH_3DES_EDE_CBC_SHA',
      'TLS_RSA_WITH_AES_128_CBC_SHA',
      'TLS_RSA_WITH_AES_256_CBC_SHA',
    ];
    const raw: RawListener = await startRawTlsListener({
      versions: ['TLSv1.0'],
      suites: suites.map((s) => suiteByName(s)!.id),
      host: '127.0.0.1',
    });
    open.push(raw);
    const slow = await listen((client) => {
      const upstream = connect({ host: '127.0.0.1', port: raw.port });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.on('data', (chunk) => upstream.write(chunk));
      upstream.on('data', (chunk) => setTimeout(() => client.writable && client.write(chunk), TIMEOUT_MS * 0.8));
      upstream.on('end', () => setTimeout(() => client.end(), TIMEOUT_MS * 0.8));
    });
    const error = await factsFor(slow.port)
      .suites('TLSv1.0')
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(FactError);
    expect(error).toMatchObject({ kind: 'timeout', message: expect.stringMatching(/did not complete within 1\.6s/) });
    // the enumeration stopped with the deadline: no connection is opened after it
    const seen = slow.connections();
    expect(seen).toBeLessThanOrEqual(CONNECTIONS_PER_DEADLINE + 1);
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 2));
    expect(slow.connections()).toBe(seen);
  });
});
