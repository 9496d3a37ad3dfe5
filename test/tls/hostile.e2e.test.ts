import { connect, createServer, type Server, type Socket } from 'node:net';
import tls from 'node:tls';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { FactError, FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import { CONNECTIONS_PER_DEADLINE, tlsProvider } from '../../src/providers/tls/provider.js';
import { toTarget } from '../../src/providers/tls/targets.js';
import { suiteByName } from '../../src/providers/tls/wire/index.js';
import { extension, handshake, record, u16, vec16, vec8 } from '../../src/providers/tls/wire/bytes.js';
import { CONTENT, EXT, HANDSHAKE } from '../../src/providers/tls/wire/constants.js';
import type { TlsTargetOptions } from '../../src/providers/tls/types.js';
import { createSandboxCa } from '../../src/sandbox/tls/certs.js';
import { certificateFor } from '../../src/sandbox/tls/listeners.js';
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

function factsFor(port: number, callTimeoutMs = TIMEOUT_MS, options: Partial<TlsTargetOptions> = {}) {
  const target = toTarget({ host: '127.0.0.1', port, kind: 'tls', profile: 'mozilla-intermediate', ...options });
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
    // One connection at a time, so that the count below is the deadline's doing (a wider gate opens more at once).
    const error = await factsFor(slow.port, TIMEOUT_MS, { probeConcurrency: 1 })
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

/** A real TLS listener (sandbox certificate) whose HTTP answer is written byte for byte. */
async function httpsAnswering(answer: string | Buffer): Promise<number> {
  const now = new Date();
  const identity = certificateFor({ name: 'hostile', kind: 'tls', certificate: { key: 'ec-p256' } }, createSandboxCa(now), now);
  const server = tls.createServer(identity, (socket) => {
    socket.on('error', () => {});
    socket.once('data', () => socket.end(answer));
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ stop: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return (server.address() as { port: number }).port;
}
const hstsOf = async (answer: string | Buffer) => factsFor(await httpsAnswering(answer), 5000, { kind: 'https' }).hsts();

describe('odd answers are malformed or read as the protocol says, never as "not there"', () => {
  it('a ServerHello for TLS 1.3 without key_share, or with legacy_version 0x0304: TLS 1.3 is inconclusive, not accepted', async () => {
    const body = (legacy: number, exts: Buffer[]) =>
      Buffer.concat([u16(legacy), Buffer.alloc(32, 7), vec8(Buffer.alloc(0)), u16(0x1301), Buffer.from([0]), vec16(Buffer.concat(exts))]);
    for (const hello of [body(0x0303, [extension(EXT.supportedVersions, u16(0x0304))]), body(0x0304, [])]) {
      const { port } = await listen((socket) =>
        socket.once('data', () => socket.end(record(CONTENT.handshake, 0x0303, handshake(HANDSHAKE.serverHello, hello)))),
      );
      const p = await factsFor(port).protocols();
      expect(p.accepted).not.toContain('TLSv1.3');
      expect(p.versions['TLSv1.3']).toMatchObject({
        kind: 'error',
        reason: expect.stringMatching(/malformed ServerHello: (TLS 1\.3 ServerHello without key_share|legacy_version 0x304)/),
      });
    }
  });

  it('an SSLv2 record cut after its header: SSLv2 is inconclusive, not refused', async () => {
    // SSLv2 CLIENT-HELLOs start with a header byte whose top bit is set; TLS hellos are refused with a close
    const { port } = await listen((socket) =>
      socket.once('data', (hello: Buffer) => (hello[0]! & 0x80 ? socket.end(Buffer.from([0x80, 0x40])) : socket.end())),
    );
    // Hanging up on every TLS hello turns the endpoint's gate serial, each hang-up asked again alone after 200 ms:
    // more time than the other hostile cases need.
    const p = await factsFor(port, 2000).protocols();
    expect(p.versions.SSLv2).toEqual({ kind: 'error', reason: 'SSLv2 record truncated (2 bytes, then closed)' });
    expect(p.inconclusive).toContain('SSLv2');
  });

  it('an HTTP head that does not end within 64 KiB is malformed, not judged on what came', async () => {
    const padding = Array.from({ length: 2000 }, (_, i) => `X-Pad-${i}: ${'a'.repeat(40)}\r\n`).join('');
    const error = await hstsOf(`HTTP/1.1 200 OK\r\n${padding}Strict-Transport-Security: max-age=63072000\r\n\r\n`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FactError);
    expect(error).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/no end of the response head within 65536 bytes/) });
  });

  it('an interim 103 Early Hints answer is skipped: HSTS is read from the final answer', async () => {
    const h = await hstsOf(
      'HTTP/1.1 103 Early Hints\r\nLink: </app.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nStrict-Transport-Security: max-age=63072000\r\n\r\n',
    );
    expect(h).toMatchObject({ status: 200, header: 'max-age=63072000', maxAge: 63072000 });
  });

  it('a folded STS header is read whole (RFC 9112 §5.2): its repeated max-age is seen', async () => {
    const h = await hstsOf('HTTP/1.1 200 OK\r\nStrict-Transport-Security: max-age=63072000\r\n ; max-age=0\r\nX-Other: 1\r\n\r\n');
    expect(h).toMatchObject({ header: 'max-age=63072000 ; max-age=0', repeatedDirectives: ['max-age'] });
  });

  it('a MySQL ERR packet without its error code is a malformed STARTTLS answer', async () => {
    const { port } = await listen((socket) => socket.end(Buffer.from([1, 0, 0, 0, 0xff])));
    const error = await factsFor(port, 2000, { starttls: 'mysql' })
      .starttls()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'malformed', message: expect.stringMatching(/ERR packet of 1 bytes/) });
  });
});
