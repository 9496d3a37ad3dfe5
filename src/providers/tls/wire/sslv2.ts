import { randomBytes } from 'node:crypto';
import { Reader, u16, u24 } from './bytes.js';

/**
 * SSL 2.0 messages (Hickman, "The SSL Protocol", draft-02, 1995). SSLv2 has
 * its own record format: a 2-byte header whose high bit is set, carrying a
 * 15-bit length, then the message; cipher kinds are 3 bytes. A TLS server
 * never parses it as a hello, which is why a TLS ClientHello cannot ask for it.
 */

export const SSLV2_VERSION = 0x0002;
export const SSLV2_MSG = { error: 0, clientHello: 1, serverHello: 4 } as const;
/** Longest record a 2-byte header can carry (draft-02 §1.2). */
export const SSLV2_MAX_RECORD = 0x7fff;

/** The cipher kinds of draft-02 §C.4 (and the RC4-64 kind some stacks shipped): every one is broken today. */
export const SSLV2_CIPHERS: Readonly<Record<number, string>> = {
  0x010080: 'SSL_CK_RC4_128_WITH_MD5',
  0x020080: 'SSL_CK_RC4_128_EXPORT40_WITH_MD5',
  0x030080: 'SSL_CK_RC2_128_CBC_WITH_MD5',
  0x040080: 'SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5',
  0x050080: 'SSL_CK_IDEA_128_CBC_WITH_MD5',
  0x060040: 'SSL_CK_DES_64_CBC_WITH_MD5',
  0x0700c0: 'SSL_CK_DES_192_EDE3_CBC_WITH_MD5',
  0x080080: 'SSL_CK_RC4_64_WITH_MD5',
};

export const SSLV2_ERRORS: Readonly<Record<number, string>> = {
  1: 'NO-CIPHER-ERROR',
  2: 'NO-CERTIFICATE-ERROR',
  4: 'BAD-CERTIFICATE-ERROR',
  6: 'UNSUPPORTED-CERTIFICATE-TYPE-ERROR',
};

export function sslv2KindByName(name: string): number | undefined {
  const entry = Object.entries(SSLV2_CIPHERS).find(([, n]) => n === name);
  return entry ? Number(entry[0]) : undefined;
}

export function sslv2CipherName(kind: number): string {
  return SSLV2_CIPHERS[kind] ?? `SSLv2 cipher 0x${kind.toString(16).padStart(6, '0')}`;
}

/** One SSLv2 record with a 2-byte header (no padding: the messages here are sent in the clear). */
export function sslv2Record(message: Buffer): Buffer {
  if (message.length === 0 || message.length > SSLV2_MAX_RECORD)
    throw new RangeError(`an SSLv2 record holds 1 to 32767 bytes, not ${message.length}`);
  return Buffer.concat([u16(0x8000 | message.length), message]);
}

/** A CLIENT-HELLO offering `kinds` (default every catalogued kind), no session, a 16-byte challenge. */
export function buildSslv2ClientHello(kinds: readonly number[] = Object.keys(SSLV2_CIPHERS).map(Number)): Buffer {
  if (kinds.length === 0) throw new TypeError('an SSLv2 CLIENT-HELLO needs at least one cipher kind');
  const specs = Buffer.concat(kinds.map(u24));
  const challenge = randomBytes(16);
  return sslv2Record(
    Buffer.concat([
      Buffer.from([SSLV2_MSG.clientHello]),
      u16(SSLV2_VERSION),
      u16(specs.length),
      u16(0),
      u16(challenge.length),
      specs,
      challenge,
    ]),
  );
}

export interface Sslv2ClientHello {
  version: number;
  kinds: number[];
  sessionId: Buffer;
  challenge: Buffer;
}

export interface Sslv2ServerHello {
  sessionIdHit: boolean;
  certificateType: number;
  version: number;
  certificate: Buffer;
  kinds: number[];
  connectionId: Buffer;
}

function kindsOf(specs: Buffer): number[] {
  if (specs.length % 3 !== 0) throw new Error(`cipher specs of ${specs.length} bytes are not 3-byte kinds`);
  const out: number[] = [];
  for (let i = 0; i < specs.length; i += 3) out.push(specs.readUIntBE(i, 3));
  return out;
}

/** Every length must add up to the message exactly: a field that runs over is malformed, not "short". */
function whole(r: Reader, what: string): void {
  if (r.remaining !== 0) throw new Error(`${r.remaining} bytes after the ${what}`);
}

/** A CLIENT-HELLO message (type byte included), as the sandbox listener reads it. */
export function parseSslv2ClientHello(message: Buffer): Sslv2ClientHello {
  const r = new Reader(message);
  if (r.u8() !== SSLV2_MSG.clientHello) throw new Error('not a CLIENT-HELLO');
  const version = r.u16();
  const [specs, session, challenge] = [r.u16(), r.u16(), r.u16()];
  const hello = { version, kinds: kindsOf(r.bytes(specs)), sessionId: r.bytes(session), challenge: r.bytes(challenge) };
  whole(r, 'CLIENT-HELLO');
  return hello;
}

/** A SERVER-HELLO message (type byte included); throws on lengths that do not add up. */
export function parseSslv2ServerHello(message: Buffer): Sslv2ServerHello {
  const r = new Reader(message);
  if (r.u8() !== SSLV2_MSG.serverHello) throw new Error('not a SERVER-HELLO');
  const sessionIdHit = r.u8() !== 0;
  const certificateType = r.u8();
  const version = r.u16();
  const [certificate, specs, connectionId] = [r.u16(), r.u16(), r.u16()];
  const hello = {
    sessionIdHit,
    certificateType,
    version,
    certificate: r.bytes(certificate),
    kinds: kindsOf(r.bytes(specs)),
    connectionId: r.bytes(connectionId),
  };
  whole(r, 'SERVER-HELLO');
  return hello;
}
