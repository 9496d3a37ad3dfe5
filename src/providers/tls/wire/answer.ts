import { HANDSHAKE, VERSION_CODES, alertName } from './constants.js';
import type { Interpreter } from './exchange.js';
import { RecordReader, type WireEvent } from './records.js';
import { readServerHello } from './server-hello.js';
import type { Alert, ProbeAnswer, TlsVersion } from './types.js';

const WARNING = 1;
/** A ServerHello comes in the first few KiB; a server still talking past this is not answering the hello. */
export const MAX_BYTES_BEFORE_HELLO = 64 * 1024;

/**
 * Reads a server's first flight record by record until `judge` decides, and
 * gives up past MAX_BYTES_BEFORE_HELLO: what every hello's interpreter shares.
 */
export abstract class FlightReader<T> {
  protected readonly reader = new RecordReader();
  protected received = 0;

  /** A verdict once the bytes so far decide one. */
  push(chunk: Buffer): T | undefined {
    this.received += chunk.length;
    for (const event of this.reader.push(chunk)) {
      const answer = this.judge(event);
      if (answer) return answer;
    }
    return this.received > MAX_BYTES_BEFORE_HELLO ? this.tooLong() : undefined;
  }

  protected abstract judge(event: WireEvent): T | undefined;
  /** The verdict on a server that sent more than MAX_BYTES_BEFORE_HELLO without deciding. */
  protected abstract tooLong(): T;
}

/**
 * Turns what a server sends after one ClientHello into a verdict, byte chunk by
 * byte chunk. Pure (no socket), so every odd answer can be tested directly.
 */
export class AnswerInterpreter extends FlightReader<ProbeAnswer> implements Interpreter<ProbeAnswer> {
  private warning?: Alert;

  constructor(
    private readonly version: TlsVersion,
    private readonly offered: ReadonlySet<number>,
  ) {
    super();
  }

  protected tooLong(): ProbeAnswer {
    return { kind: 'error', reason: `more than ${MAX_BYTES_BEFORE_HELLO} bytes without a ServerHello` };
  }

  /** The verdict when the server closed (or reset) the connection before deciding. */
  closed(how: 'closed' | 'reset'): ProbeAnswer {
    const leftover = this.reader.finish();
    if (leftover?.type === 'malformed') return { kind: 'error', reason: leftover.reason };
    if (this.warning) return { kind: 'rejected', alert: this.warning, reason: `alert ${this.warning.name}, then ${how}` };
    if (this.received > 0) return { kind: 'error', reason: `connection ${how} before a ServerHello` };
    // A server that hangs up on a hello it cannot serve is refusing it: testssl.sh reads it the same way.
    return { kind: 'rejected', reason: `connection ${how} without an answer` };
  }

  failed(reason: string): ProbeAnswer {
    return { kind: 'error', reason };
  }

  /**
   * What one event says about the hello, if it decides: also used by readers
   * that go on past the ServerHello (the certificate chain reader).
   */
  judge(event: WireEvent): ProbeAnswer | undefined {
    switch (event.type) {
      case 'malformed':
        return { kind: 'error', reason: event.reason };
      case 'other':
        return { kind: 'error', reason: `record of content type ${event.contentType} before a ServerHello` };
      case 'alert': {
        const alert = { level: event.level, description: event.description, name: alertName(event.description) };
        // a warning (say unrecognized_name) may be followed by a ServerHello
        if (alert.level === WARNING && alert.description !== 0) {
          this.warning = alert;
          return undefined;
        }
        return { kind: 'rejected', alert, reason: `alert ${alert.name}` };
      }
      case 'handshake':
        if (event.msgType === HANDSHAKE.helloRequest) return undefined;
        if (event.msgType !== HANDSHAKE.serverHello) {
          return { kind: 'error', reason: `handshake message ${event.msgType} instead of a ServerHello` };
        }
        return this.judgeHello(event.body);
    }
  }

  private judgeHello(body: Buffer): ProbeAnswer {
    const read = readServerHello(body);
    if ('kind' in read) return read;
    const { hello, version: negotiated } = read;
    const hex = `0x${hello.suite.toString(16).padStart(4, '0')}`;
    if (!this.offered.has(hello.suite)) return { kind: 'error', reason: `server chose suite ${hex}, which was not offered` };
    if (hello.version > VERSION_CODES[this.version]) {
      // a protocol violation, but still no agreement on the version asked: some old stacks answer SSLv3 hellos so
      const reason = `server answered ${negotiated} to a hello offering at most ${this.version}`;
      return { kind: 'rejected', reason, negotiated };
    }
    if (hello.version < VERSION_CODES[this.version]) {
      // the server fell back to an older version: the one asked is not accepted
      return { kind: 'rejected', reason: `server negotiated ${negotiated} instead`, negotiated };
    }
    if (hello.compression !== 0 && this.version === 'TLSv1.3') {
      return { kind: 'error', reason: 'TLS 1.3 ServerHello with compression' };
    }
    return hello.helloRetryRequest
      ? { kind: 'accepted', version: negotiated, suite: hello.suite, helloRetryRequest: true }
      : { kind: 'accepted', version: negotiated, suite: hello.suite };
  }
}
