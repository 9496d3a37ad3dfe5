/**
 * An SSLv2-only server, as old appliances shipped: it answers an SSLv2
 * CLIENT-HELLO with a SERVER-HELLO (its certificate, the cipher kinds it
 * shares with the client, a connection id), or an SSLv2 ERROR when none is
 * shared, and hangs up on anything else, a TLS ClientHello included, since it
 * cannot parse one. It never completes a handshake: the SERVER-HELLO is what
 * a scanner needs to see. OpenSSL 3 has no SSLv2 at all, hence raw bytes.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { u16, u24 } from '../../providers/tls/wire/bytes.js';
import { parseSslv2ClientHello, SSLV2_MSG, SSLV2_VERSION, sslv2Record } from '../../providers/tls/wire/sslv2.js';
import { listenTracked, type RawListener } from './raw-listener.js';

export interface Sslv2ListenerOptions {
  /** Cipher kinds (3-byte ids) in the server's order. */
  kinds: number[];
  /** DER of the leaf certificate sent in the SERVER-HELLO. */
  certificate: Buffer;
  host?: string;
  idleMs?: number;
}

const X509_CERTIFICATE = 1;
const NO_CIPHER_ERROR = 1;
/** A CLIENT-HELLO never comes near this; a longer record is not one. */
const MAX_HELLO = 4096;

/** The bytes to answer one SSLv2 CLIENT-HELLO message with (type byte included). */
export function answerSslv2ClientHello(message: Buffer, o: Pick<Sslv2ListenerOptions, 'kinds' | 'certificate'>): Buffer {
  const hello = parseSslv2ClientHello(message);
  const shared = o.kinds.filter((k) => hello.kinds.includes(k));
  if (shared.length === 0) return sslv2Record(Buffer.concat([Buffer.from([SSLV2_MSG.error]), u16(NO_CIPHER_ERROR)]));
  const specs = Buffer.concat(shared.map(u24));
  const connectionId = randomBytes(16);
  return sslv2Record(
    Buffer.concat([
      Buffer.from([SSLV2_MSG.serverHello, 0, X509_CERTIFICATE]),
      u16(SSLV2_VERSION),
      u16(o.certificate.length),
      u16(specs.length),
      u16(connectionId.length),
      o.certificate,
      specs,
      connectionId,
    ]),
  );
}

function serve(socket: Socket, o: Sslv2ListenerOptions): void {
  let received = Buffer.alloc(0);
  socket.setTimeout(o.idleMs ?? 10_000, () => socket.destroy());
  socket.on('error', () => socket.destroy());
  const onData = (chunk: Buffer): void => {
    received = Buffer.concat([received, chunk]);
    if (received.length < 2) return;
    const length = received.readUInt16BE(0) & 0x7fff;
    // not SSLv2 framing (a TLS ClientHello starts 0x16 0x03), or no hello: an SSLv2-only server hangs up
    if (!(received[0]! & 0x80) || length > MAX_HELLO) return void socket.destroy();
    if (received.length < 2 + length) return;
    socket.off('data', onData);
    let answer: Buffer;
    try {
      answer = answerSslv2ClientHello(received.subarray(2, 2 + length), o);
    } catch {
      return void socket.destroy();
    }
    socket.resume();
    socket.end(answer);
  };
  socket.on('data', onData);
}

export async function startSslv2Listener(o: Sslv2ListenerOptions): Promise<RawListener> {
  if (o.kinds.length === 0) throw new TypeError('an SSLv2 listener needs at least one cipher kind');
  return listenTracked(
    createServer((socket) => serve(socket, o)),
    o.host,
  );
}
