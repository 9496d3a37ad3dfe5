import { alertName, CONTENT } from './constants.js';
import { exchange, type Interpreter } from './exchange.js';
import { gated } from './gate.js';
import { checkEndpoint, hungUp } from './probe.js';
import { firstBytes } from './records.js';
import { pinAddress } from './resolve.js';
import { buildSslv2ClientHello, parseSslv2ServerHello, SSLV2_ERRORS, SSLV2_MSG, sslv2CipherName } from './sslv2.js';
import type { Endpoint } from './types.js';

/**
 * What one SSLv2 CLIENT-HELLO learned. A SERVER-HELLO is acceptance, even with
 * no cipher kind in it (CVE-2015-3197: such servers still completed SSLv2
 * handshakes), as testssl.sh reads it. A TLS alert, an SSLv2 ERROR, a close or
 * bytes that are not SSLv2 are refusals: a server that speaks only SSLv3+
 * cannot parse the hello, and says so or hangs up. A SERVER-HELLO whose
 * lengths do not add up, an SSLv2 record cut short, and a timeout, decide nothing.
 */
export type Sslv2Answer =
  | { kind: 'accepted'; ciphers: string[]; certificateBytes: number }
  | { kind: 'rejected'; reason: string }
  | { kind: 'error'; reason: string };

const HEADER = 2;
const TLS_ALERT_LENGTH = 7;

export class Sslv2Interpreter implements Interpreter<Sslv2Answer> {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer): Sslv2Answer | undefined {
    this.buf = Buffer.concat([this.buf, chunk]);
    const b = this.buf;
    if (b.length < HEADER) return undefined;
    if (isTlsRecord(b)) {
      if (b[0] !== CONTENT.alert) return { kind: 'rejected', reason: `answered in TLS (record type ${b[0]}), not SSLv2` };
      if (b.length < TLS_ALERT_LENGTH) return undefined;
      return { kind: 'rejected', reason: `TLS alert ${alertName(b[6] ?? 0)}` };
    }
    if (!(b[0]! & 0x80)) return { kind: 'rejected', reason: `not an SSLv2 answer (${firstBytes(b)})` };
    const length = b.readUInt16BE(0) & 0x7fff;
    if (length === 0) return { kind: 'rejected', reason: 'an empty SSLv2 record' };
    // the record length bounds what is read: at most 32 KiB whatever the server goes on sending
    if (b.length < HEADER + length) return undefined;
    return judge(b.subarray(HEADER, HEADER + length));
  }

  closed(how: 'closed' | 'reset'): Sslv2Answer {
    const b = this.buf;
    if (b.length === 0) return { kind: 'rejected', reason: `connection ${how} without an answer` };
    // an SSLv2 record cut short says nothing, unless its type byte already says ERROR
    if (b[0]! & 0x80 && b[2] !== SSLV2_MSG.error) {
      const what = b[2] === SSLV2_MSG.serverHello ? 'SERVER-HELLO' : 'record';
      return { kind: 'error', reason: `SSLv2 ${what} truncated (${b.length} bytes, then ${how})` };
    }
    if (isTlsRecord(b)) return { kind: 'rejected', reason: `a truncated TLS record, then ${how}` };
    return { kind: 'rejected', reason: `no SSLv2 answer (${firstBytes(b)}), then ${how}` };
  }

  failed(reason: string): Sslv2Answer {
    return { kind: 'error', reason };
  }
}

function isTlsRecord(b: Buffer): boolean {
  return b[0]! >= CONTENT.changeCipherSpec && b[0]! <= CONTENT.applicationData && b[1] === 3;
}

function judge(message: Buffer): Sslv2Answer {
  const type = message[0];
  if (type === SSLV2_MSG.error) {
    const code = message.length >= 3 ? message.readUInt16BE(1) : -1;
    return { kind: 'rejected', reason: `SSLv2 ERROR ${SSLV2_ERRORS[code] ?? code}` };
  }
  if (type !== SSLV2_MSG.serverHello) return { kind: 'rejected', reason: `SSLv2 message type ${type} instead of a SERVER-HELLO` };
  try {
    const hello = parseSslv2ServerHello(message);
    return { kind: 'accepted', ciphers: hello.kinds.map(sslv2CipherName), certificateBytes: hello.certificate.length };
  } catch (err) {
    return { kind: 'error', reason: `malformed SSLv2 SERVER-HELLO: ${(err as Error).message}` };
  }
}

/** Does the endpoint speak SSLv2? One connection, one CLIENT-HELLO offering every SSLv2 cipher kind. */
export async function probeSslv2(o: Endpoint): Promise<Sslv2Answer> {
  checkEndpoint(o);
  const pinned = await pinAddress(o);
  if ('error' in pinned) return { kind: 'error', reason: pinned.error };
  const target = pinned.endpoint;
  return gated(
    target,
    () => exchange(target, buildSslv2ClientHello(), new Sslv2Interpreter()),
    (outcome) => (outcome.status === 'fulfilled' ? hungUp(outcome.value) : true),
  );
}
