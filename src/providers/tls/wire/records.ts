import { CONTENT, MAX_RECORD } from './constants.js';

/** What a peer sent, record by record, with handshake messages reassembled across records. */
export type WireEvent =
  | { type: 'handshake'; msgType: number; body: Buffer; recordVersion: number }
  | { type: 'alert'; level: number; description: number }
  | { type: 'other'; contentType: number }
  | { type: 'malformed'; reason: string };

const HEADER = 5;
/** A record may carry up to 2^14 bytes plus expansion (RFC 5246 §6.2.3). */
const MAX_CIPHERTEXT = MAX_RECORD + 2048;
/** No hello comes near this; a larger length means we are not reading TLS. */
const MAX_HANDSHAKE = 1 << 17;

function describeGarbage(buf: Buffer): string {
  // SSLv2 framing: 2-byte header with the top bit set, then the message type (1 client, 4 server hello)
  if (buf.length >= 3 && buf.readUInt8(0) & 0x80 && (buf[2] === 4 || buf[2] === 1)) {
    return `SSLv2 ${buf[2] === 4 ? 'ServerHello' : 'ClientHello'} instead of TLS`;
  }
  return `not a TLS answer (${firstBytes(buf)})`;
}

/** The first bytes of an answer in hex and printable text, for a reason that names what came. */
export function firstBytes(buf: Buffer): string {
  const head = buf.subarray(0, 8);
  const text = head.toString('latin1').replace(/[^\x20-\x7e]/g, '.');
  return `first bytes ${head.toString('hex')} "${text}"`;
}

/**
 * Splits a byte stream into TLS records and events. Feed every TCP chunk to
 * `push`; it returns the events completed so far (records split across reads,
 * several records in one read and handshake messages split across records are
 * all handled). After a `malformed` event the reader stays broken.
 */
export class RecordReader {
  private buf: Buffer = Buffer.alloc(0);
  private hs: Buffer = Buffer.alloc(0);
  private hsVersion = 0;
  private broken = false;

  /** Bytes received that do not yet make a whole record or message. */
  get pending(): number {
    return this.buf.length + this.hs.length;
  }

  push(chunk: Buffer): WireEvent[] {
    if (this.broken) return [];
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const events: WireEvent[] = [];
    while (!this.broken && this.buf.length >= HEADER) {
      const contentType = this.buf.readUInt8(0);
      const major = this.buf.readUInt8(1);
      const length = this.buf.readUInt16BE(3);
      if (contentType < CONTENT.changeCipherSpec || contentType > CONTENT.applicationData || major !== 3) {
        return this.fail(events, describeGarbage(this.buf));
      }
      if (length > MAX_CIPHERTEXT) return this.fail(events, `record of ${length} bytes exceeds the TLS limit`);
      if (this.buf.length < HEADER + length) break;
      const fragment = this.buf.subarray(HEADER, HEADER + length);
      const version = this.buf.readUInt16BE(1);
      this.buf = this.buf.subarray(HEADER + length);
      if (contentType === CONTENT.handshake) this.handshakes(fragment, version, events);
      else if (contentType === CONTENT.alert) this.alerts(fragment, events);
      else events.push({ type: 'other', contentType });
    }
    return events;
  }

  /** At end of stream: what the unfinished bytes were, if any. */
  finish(): WireEvent | undefined {
    if (this.broken || this.pending === 0) return undefined;
    const first = this.buf[0];
    if (first !== undefined && (first < CONTENT.changeCipherSpec || first > CONTENT.applicationData)) {
      return { type: 'malformed', reason: describeGarbage(this.buf) };
    }
    return { type: 'malformed', reason: `answer truncated (${this.pending} bytes of an unfinished record or message)` };
  }

  private fail(events: WireEvent[], reason: string): WireEvent[] {
    this.broken = true;
    events.push({ type: 'malformed', reason });
    return events;
  }

  private handshakes(fragment: Buffer, version: number, events: WireEvent[]): void {
    if (this.hs.length === 0) this.hsVersion = version;
    this.hs = this.hs.length ? Buffer.concat([this.hs, fragment]) : fragment;
    while (this.hs.length >= 4) {
      const length = this.hs.readUIntBE(1, 3);
      if (length > MAX_HANDSHAKE) {
        this.fail(events, `handshake message of ${length} bytes`);
        return;
      }
      if (this.hs.length < 4 + length) return;
      events.push({
        type: 'handshake',
        msgType: this.hs.readUInt8(0),
        body: this.hs.subarray(4, 4 + length),
        recordVersion: this.hsVersion,
      });
      this.hs = this.hs.subarray(4 + length);
    }
  }

  private alerts(fragment: Buffer, events: WireEvent[]): void {
    if (fragment.length === 0 || fragment.length % 2 !== 0) {
      this.fail(events, `alert record of ${fragment.length} bytes`);
      return;
    }
    for (let i = 0; i < fragment.length; i += 2) {
      events.push({ type: 'alert', level: fragment.readUInt8(i), description: fragment.readUInt8(i + 1) });
    }
  }
}
