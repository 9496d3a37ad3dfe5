/**
 * A TCP listener that speaks just enough TLS to be detected: it reads a
 * ClientHello and answers a ServerHello (then its Certificate and a
 * ServerHelloDone) for the version and suite it would choose, or a fatal
 * alert. It never completes a handshake.
 * This is how the sandbox serves what OpenSSL 3 refuses to: SSLv3, RC4, 3DES,
 * EXPORT, so that their detection is tested against real bytes on a socket.
 */
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { extension, handshake, record, u16, vec16, vec24, vec8 } from '../../providers/tls/wire/bytes.js';
import { ALERT, CONTENT, EXT, GROUP_X25519, HANDSHAKE, MAX_RECORD, VERSION_CODES } from '../../providers/tls/wire/constants.js';
import { parseClientHello, type ClientHello } from '../../providers/tls/wire/parse-client-hello.js';
import { RecordReader } from '../../providers/tls/wire/records.js';
import { suiteInfo } from '../../providers/tls/wire/suites.js';
import type { TlsVersion } from '../../providers/tls/wire/types.js';

export interface RawListenerOptions {
  versions: TlsVersion[];
  /** Suites in the server's order of preference, by IANA id. */
  suites: number[];
  host?: string;
  /** Idle limit per connection; the listener drops clients that say nothing. */
  idleMs?: number;
  /**
   * A real TLS server on 127.0.0.1 to hand the connection to whenever the raw
   * listener would refuse (no shared legacy version or suite, or a hello it does
   * not parse). The endpoint then looks like one server that speaks modern TLS
   * in full and also accepts the legacy offers, so that clients needing a full
   * handshake (testssl.sh's own preflight) can scan it.
   */
  fallbackPort?: number;
  /**
   * DER certificates, leaf first, sent in a Certificate message after the
   * ServerHello (SSLv3 to TLS 1.2, suites that authenticate the server), as a
   * real legacy server would: so that its chain can be read and judged.
   */
  certificateChain?: Buffer[];
}

export interface RawListener {
  port: number;
  stop(): Promise<void>;
}

const FATAL = 2;
const TLS13 = VERSION_CODES['TLSv1.3'];
const TLS12 = VERSION_CODES['TLSv1.2'];

/** The versions the client offers: supported_versions if sent, else every version up to its legacy_version. */
function clientVersions(hello: ClientHello): number[] {
  const known = Object.values(VERSION_CODES);
  // GREASE and future versions in supported_versions are not ours to pick
  if (hello.supportedVersions) return hello.supportedVersions.filter((code) => known.includes(code));
  return known.filter((code) => code <= Math.min(hello.legacyVersion, TLS12));
}

function suiteFits(id: number, version: TlsVersion): boolean {
  const info = suiteInfo(id);
  if (info) return info.versions.includes(version);
  return version === 'TLSv1.3' ? id >> 8 === 0x13 : id >> 8 !== 0x13;
}

function alert(description: number, version: number): Buffer {
  return record(CONTENT.alert, version, Buffer.from([FATAL, description]));
}

/** Anonymous, PSK, SRP and Kerberos suites send no Certificate (RFC 5246 §7.4.2). */
function sendsCertificate(suite: number): boolean {
  const auth = suiteInfo(suite)?.auth;
  return auth === undefined || ['RSA', 'ECDSA', 'DSS', 'DH', 'ECDH', 'GOST'].includes(auth);
}

/** A flight as records of at most 2^14 bytes: a long chain spans several, as on a real server. */
function records(version: number, flight: Buffer): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; i < flight.length; i += MAX_RECORD) out.push(record(CONTENT.handshake, version, flight.subarray(i, i + MAX_RECORD)));
  return Buffer.concat(out);
}

function serverFlight(hello: ClientHello, version: TlsVersion, suite: number, chain: Buffer[] | undefined): Buffer {
  const code = VERSION_CODES[version];
  const exts: Buffer[] = [];
  const wantsRenegotiation = hello.extensions.has(EXT.renegotiationInfo) || hello.suites.includes(0x00ff);
  if (version === 'TLSv1.3') {
    exts.push(extension(EXT.supportedVersions, u16(TLS13)));
    // a made-up public key: nobody derives a secret from it, the listener closes next
    exts.push(extension(EXT.keyShare, Buffer.concat([u16(GROUP_X25519), vec16(randomBytes(32))])));
  } else if (wantsRenegotiation) {
    exts.push(extension(EXT.renegotiationInfo, Buffer.from([0])));
  }
  const body = Buffer.concat([
    u16(Math.min(code, TLS12)),
    randomBytes(32),
    vec8(version === 'TLSv1.3' ? hello.sessionId : Buffer.alloc(0)),
    u16(suite),
    Buffer.from([0]),
    ...(exts.length ? [vec16(Buffer.concat(exts))] : []),
  ]);
  const messages = [handshake(HANDSHAKE.serverHello, body)];
  // TLS 1.3 would encrypt the rest of the flight, which a listener without a key exchange cannot: it stops here
  if (version !== 'TLSv1.3') {
    if (chain?.length && sendsCertificate(suite)) messages.push(handshake(HANDSHAKE.certificate, vec24(Buffer.concat(chain.map(vec24)))));
    // ServerHelloDone lets scanners that wait for the end of the server's flight (testssl.sh) stop reading
    messages.push(handshake(HANDSHAKE.serverHelloDone, Buffer.alloc(0)));
  }
  return records(Math.min(code, TLS12), Buffer.concat(messages));
}

/** The listener's answer to one ClientHello: the bytes to send before closing, and whether they refuse it. */
export function answerClientHello(hello: ClientHello, o: RawListenerOptions): { bytes: Buffer; refused: boolean } {
  let offered = clientVersions(hello);
  // Beside a fallback server that speaks modern TLS, answer only hellos whose best version is a legacy one
  // served here: a real server accepting both would never pick an older version than the client's best.
  if (o.fallbackPort !== undefined) offered = [Math.max(...offered)];
  const recordVersion = Math.max(Math.min(hello.legacyVersion, TLS12), VERSION_CODES.SSLv3);
  const version = [...o.versions].sort((a, b) => VERSION_CODES[b] - VERSION_CODES[a]).find((v) => offered.includes(VERSION_CODES[v]));
  if (!version) return { bytes: alert(ALERT.protocolVersion, recordVersion), refused: true };
  const clientSuites = new Set(hello.suites);
  const suite = o.suites.find((id) => clientSuites.has(id) && suiteFits(id, version));
  if (suite === undefined) {
    return { bytes: alert(ALERT.handshakeFailure, Math.min(VERSION_CODES[version], TLS12)), refused: true };
  }
  return { bytes: serverFlight(hello, version, suite, o.certificateChain), refused: false };
}

/** Replays what the client sent to the fallback server and joins the two sockets. */
function handOver(socket: Socket, received: Buffer, port: number): void {
  const upstream = connect({ host: '127.0.0.1', port });
  upstream.on('error', () => socket.destroy());
  socket.on('close', () => upstream.destroy());
  upstream.on('close', () => socket.destroy());
  upstream.write(received);
  socket.pipe(upstream);
  upstream.pipe(socket);
}

function serve(socket: Socket, o: RawListenerOptions): void {
  const reader = new RecordReader();
  const received: Buffer[] = [];
  socket.setTimeout(o.idleMs ?? 10_000, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  const settle = (bytes: Buffer | undefined): void => {
    socket.off('data', onData);
    if (o.fallbackPort !== undefined) {
      socket.setTimeout(0);
      handOver(socket, Buffer.concat(received), o.fallbackPort);
    } else if (bytes) socket.end(bytes);
    else socket.destroy(); // SSLv2 hellos, garbage, alerts: nothing to detect here
  };
  const onData = (chunk: Buffer): void => {
    received.push(chunk);
    const event = reader.push(chunk)[0];
    if (!event) return;
    if (event.type !== 'handshake' || event.msgType !== HANDSHAKE.clientHello) return settle(undefined);
    let hello: ClientHello;
    try {
      hello = parseClientHello(event.body);
    } catch {
      return settle(alert(ALERT.decodeError, VERSION_CODES['TLSv1.0']));
    }
    const answer = answerClientHello(hello, o);
    if (answer.refused) return settle(answer.bytes);
    socket.off('data', onData);
    socket.resume(); // discard whatever the client says next, so its close is seen
    socket.end(answer.bytes);
  };
  socket.on('data', onData);
}

/**
 * Listens on an ephemeral port of `host`, keeping track of open connections so
 * that `stop()` ends them too (server.close alone waits for every client).
 */
export async function listenTracked(server: Server, host = '127.0.0.1'): Promise<RawListener> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('listener has no port');
  return {
    port: address.port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startRawTlsListener(o: RawListenerOptions): Promise<RawListener> {
  if (o.versions.length === 0) throw new TypeError('a raw listener needs at least one version');
  if (o.suites.length === 0) throw new TypeError('a raw listener needs at least one suite');
  return listenTracked(
    createServer((socket) => serve(socket, o)),
    o.host,
  );
}
