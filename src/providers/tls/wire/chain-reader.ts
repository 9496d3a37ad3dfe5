import { AnswerInterpreter } from './answer.js';
import { Reader } from './bytes.js';
import { HANDSHAKE, alertName } from './constants.js';
import type { Interpreter } from './exchange.js';
import { RecordReader, type WireEvent } from './records.js';
import type { TlsVersion } from './types.js';

/**
 * What the chain reader learned: the certificates the server sent in the
 * clear after its ServerHello, or why there are none. `refused` marks the
 * server's refusal of the hello itself (another version or suite bundle may do).
 */
export type ChainAnswer =
  { kind: 'chain'; version: TlsVersion; suite: number; chainDer: string[] } | { kind: 'error'; reason: string; refused?: true };

const WARNING = 1;

/**
 * The certificate_list of a Certificate message (RFC 5246 §7.4.2, same layout
 * in SSLv3): DER certificates, leaf first. Throws on a malformed body.
 */
export function parseCertificateMessage(body: Buffer): Buffer[] {
  const r = new Reader(body);
  const list = new Reader(r.bytes(r.u24()));
  if (r.remaining !== 0) throw new Error(`${r.remaining} stray bytes after the certificate list`);
  const certs: Buffer[] = [];
  while (list.remaining > 0) {
    const der = list.bytes(list.u24());
    if (der.length === 0) throw new Error('empty certificate entry');
    certs.push(der);
  }
  return certs;
}

/**
 * Reads a server's first flight up to its Certificate message. The ServerHello
 * is judged as the protocol probes judge it; after it, any other handshake
 * message (ServerKeyExchange, CertificateStatus…) is skipped whatever its
 * place, since only the chain is wanted and nothing is negotiated further.
 */
export class ChainInterpreter implements Interpreter<ChainAnswer> {
  private readonly reader = new RecordReader();
  private readonly hello: AnswerInterpreter;
  private accepted?: { version: TlsVersion; suite: number };

  constructor(version: TlsVersion, offered: ReadonlySet<number>) {
    this.hello = new AnswerInterpreter(version, offered);
  }

  push(chunk: Buffer): ChainAnswer | undefined {
    for (const event of this.reader.push(chunk)) {
      const answer = this.accepted ? this.afterHello(event, this.accepted) : this.beforeHello(event);
      if (answer) return answer;
    }
    return undefined;
  }

  closed(how: 'closed' | 'reset'): ChainAnswer {
    const leftover = this.reader.finish();
    if (leftover?.type === 'malformed') return { kind: 'error', reason: leftover.reason };
    if (this.accepted) return { kind: 'error', reason: `connection ${how} before a Certificate message` };
    const answer = this.hello.closed(how);
    if (answer.kind === 'accepted') return { kind: 'error', reason: `connection ${how} before a Certificate message` };
    return answer.kind === 'rejected' ? { kind: 'error', reason: answer.reason, refused: true } : answer;
  }

  failed(reason: string): ChainAnswer {
    return { kind: 'error', reason };
  }

  private beforeHello(event: WireEvent): ChainAnswer | undefined {
    const answer = this.hello.judge(event);
    if (!answer) return undefined;
    if (answer.kind === 'rejected') return { kind: 'error', reason: answer.reason, refused: true };
    if (answer.kind === 'error') return answer;
    // TLS 1.3 encrypts everything after the ServerHello: no chain to read without a key exchange
    if (answer.version === 'TLSv1.3') return { kind: 'error', reason: 'TLS 1.3 sends its certificate encrypted' };
    this.accepted = { version: answer.version, suite: answer.suite };
    return undefined;
  }

  private afterHello(event: WireEvent, accepted: { version: TlsVersion; suite: number }): ChainAnswer | undefined {
    switch (event.type) {
      case 'malformed':
        return { kind: 'error', reason: event.reason };
      case 'other':
        return { kind: 'error', reason: `record of content type ${event.contentType} before a Certificate message` };
      case 'alert':
        if (event.level === WARNING && event.description !== 0) return undefined;
        return { kind: 'error', reason: `alert ${alertName(event.description)} before a Certificate message` };
      case 'handshake':
        if (event.msgType === HANDSHAKE.serverHelloDone) {
          return { kind: 'error', reason: 'ServerHelloDone without a Certificate message (an anonymous suite?)' };
        }
        if (event.msgType !== HANDSHAKE.certificate) return undefined;
        return this.chainOf(event.body, accepted);
    }
  }

  private chainOf(body: Buffer, accepted: { version: TlsVersion; suite: number }): ChainAnswer {
    let certs: Buffer[];
    try {
      certs = parseCertificateMessage(body);
    } catch (err) {
      return { kind: 'error', reason: `malformed Certificate message: ${(err as Error).message}` };
    }
    if (certs.length === 0) return { kind: 'error', reason: 'the server sent an empty certificate list' };
    return { kind: 'chain', ...accepted, chainDer: certs.map((c) => c.toString('base64')) };
  }
}
