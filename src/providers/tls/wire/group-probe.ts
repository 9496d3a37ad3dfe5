import { FlightReader, MAX_BYTES_BEFORE_HELLO } from './answer.js';
import { Reader } from './bytes.js';
import { buildClientHello } from './client-hello.js';
import { EXT, HANDSHAKE, NAMED_GROUPS, VERSION_CODES, alertName } from './constants.js';
import { exchange, type Interpreter } from './exchange.js';
import { gated } from './gate.js';
import { checkEndpoint, hungUp } from './probe.js';
import type { WireEvent } from './records.js';
import { readServerHello } from './server-hello.js';
import { SUITES } from './suites.js';
import type { Endpoint, ProbeAnswer, TlsVersion } from './types.js';

/**
 * Whether a server agrees on one named group, from one hand-built ClientHello
 * that offers that group alone: in TLS 1.3 with an empty key share, so that a
 * server that agrees names the group in a HelloRetryRequest (RFC 8446 §4.2.8);
 * before TLS 1.3 with every ECDHE suite, so that the ServerKeyExchange names
 * the curve (RFC 8422 §5.4). Neither side computes a key, where a node:tls
 * handshake per group made both generate one and the server sign.
 */
export interface GroupProbeOptions extends Endpoint {
  group: string;
  /** The highest version offered: TLS 1.3 offers TLS 1.0 to 1.3 (the server picks its highest), TLS 1.2 up to it. */
  upTo: 'TLSv1.3' | 'TLSv1.2';
}

/** `accepted`: the server agreed on the group; `rejected`: it refused the hello; `error`: nothing learned. */
export type GroupProbeAnswer = Extract<ProbeAnswer, { kind: 'rejected' } | { kind: 'error' }> | { kind: 'accepted'; version: TlsVersion };

/** Every catalogued ECDHE suite (anonymous ones included: they agree on a curve too), PSK variants aside. */
const ECDHE_SUITES: readonly number[] = SUITES.filter((s) => s.kex === 'ECDHE').map((s) => s.id);
const TLS13_SUITES: readonly number[] = SUITES.filter((s) => s.kex === 'TLS13').map((s) => s.id);
const DOWN_FROM_TLS13: readonly TlsVersion[] = ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1.0'];
/** ECParameters.curve_type named_curve (RFC 8422 §5.4). */
const NAMED_CURVE = 3;

export function groupName(code: number): string {
  return Object.keys(NAMED_GROUPS).find((name) => NAMED_GROUPS[name] === code) ?? `group 0x${code.toString(16).padStart(4, '0')}`;
}

/** One connection: the ClientHello offering `o.group` alone, within the endpoint's gate (a bare hang-up among others is asked again alone). */
export function probeGroup(o: GroupProbeOptions): Promise<GroupProbeAnswer> {
  checkEndpoint(o);
  const code = NAMED_GROUPS[o.group];
  if (code === undefined) throw new TypeError(`unknown named group ${o.group}`);
  const tls13 = o.upTo === 'TLSv1.3';
  const suites = tls13 ? [...TLS13_SUITES, ...ECDHE_SUITES] : ECDHE_SUITES;
  const hello = buildClientHello({
    version: o.upTo,
    suites,
    servername: o.servername ?? o.host,
    groups: [code],
    ...(tls13 ? { supportedVersions: DOWN_FROM_TLS13 } : {}),
  });
  return gated(
    o,
    () => exchange(o, hello, new GroupInterpreter(code, new Set(suites), o.upTo)),
    (outcome) => (outcome.status === 'fulfilled' ? hungUp(outcome.value) : true),
  );
}

/**
 * Reads the server's first flight after a group hello: the ServerHello (or
 * HelloRetryRequest), then before TLS 1.3 the messages up to the
 * ServerKeyExchange. Pure (no socket), so every odd answer can be tested on bytes.
 */
export class GroupInterpreter extends FlightReader<GroupProbeAnswer> implements Interpreter<GroupProbeAnswer> {
  private warning?: string;
  /** Set once a ServerHello before TLS 1.3 agreed on an ECDHE suite: the ServerKeyExchange names the curve. */
  private agreed?: TlsVersion;

  constructor(
    private readonly group: number,
    private readonly offered: ReadonlySet<number>,
    private readonly upTo: TlsVersion,
  ) {
    super();
  }

  protected tooLong(): GroupProbeAnswer {
    return { kind: 'error', reason: `more than ${MAX_BYTES_BEFORE_HELLO} bytes without the group agreed` };
  }

  closed(how: 'closed' | 'reset'): GroupProbeAnswer {
    const leftover = this.reader.finish();
    if (leftover?.type === 'malformed') return { kind: 'error', reason: leftover.reason };
    if (this.agreed) return { kind: 'error', reason: `connection ${how} before a ServerKeyExchange` };
    if (this.warning) return { kind: 'rejected', reason: `alert ${this.warning}, then ${how}` };
    if (this.received > 0) return { kind: 'error', reason: `connection ${how} before a ServerHello` };
    // as for the version probes: a server that hangs up on a hello it cannot serve refuses it
    return { kind: 'rejected', reason: `connection ${how} without an answer` };
  }

  failed(reason: string): GroupProbeAnswer {
    return { kind: 'error', reason };
  }

  protected judge(event: WireEvent): GroupProbeAnswer | undefined {
    switch (event.type) {
      case 'malformed':
        return { kind: 'error', reason: event.reason };
      case 'other':
        return { kind: 'error', reason: `record of content type ${event.contentType} before the group was agreed` };
      case 'alert': {
        const name = alertName(event.description);
        // a warning (say unrecognized_name) may be followed by a ServerHello
        if (event.level === 1 && event.description !== 0) {
          this.warning = name;
          return undefined;
        }
        return { kind: 'rejected', alert: { level: event.level, description: event.description, name }, reason: `alert ${name}` };
      }
      case 'handshake':
        if (this.agreed) return this.afterHello(event.msgType, event.body, this.agreed);
        if (event.msgType === HANDSHAKE.helloRequest) return undefined;
        if (event.msgType !== HANDSHAKE.serverHello)
          return { kind: 'error', reason: `handshake message ${event.msgType} instead of a ServerHello` };
        return this.judgeHello(event.body);
    }
  }

  private judgeHello(body: Buffer): GroupProbeAnswer | undefined {
    const read = readServerHello(body);
    if ('kind' in read) return read;
    const { hello, version } = read;
    if (hello.version > VERSION_CODES[this.upTo])
      return { kind: 'error', reason: `server answered ${version} to a hello offering at most ${this.upTo}` };
    // a client that offers TLS 1.0 at the least (node's, at its most permissive) ends an SSLv3 answer there
    if (version === 'SSLv3') return { kind: 'rejected', reason: 'server negotiated SSLv3', negotiated: version };
    if (!this.offered.has(hello.suite))
      return { kind: 'error', reason: `server chose suite 0x${hello.suite.toString(16).padStart(4, '0')}, which was not offered` };
    if (version !== 'TLSv1.3') {
      this.agreed = version;
      return undefined;
    }
    const share = hello.extensions.get(EXT.keyShare);
    // our hello carries no key share: a ServerHello with one answers a share never sent
    if (!hello.helloRetryRequest) return { kind: 'error', reason: 'TLS 1.3 ServerHello to a hello without a key share' };
    if (share?.length !== 2) return { kind: 'error', reason: 'HelloRetryRequest without a selected group' };
    return this.verdict(share.readUInt16BE(), version);
  }

  /** Before TLS 1.3: the Certificate (none for an anonymous suite) and a stapled status come first, then the ServerKeyExchange. */
  private afterHello(msgType: number, body: Buffer, version: TlsVersion): GroupProbeAnswer | undefined {
    if (msgType === HANDSHAKE.certificate || msgType === HANDSHAKE.certificateStatus) return undefined;
    if (msgType !== HANDSHAKE.serverKeyExchange)
      return { kind: 'error', reason: `handshake message ${msgType} instead of a ServerKeyExchange for an ECDHE suite` };
    try {
      const r = new Reader(body);
      const curveType = r.u8();
      if (curveType !== NAMED_CURVE) return { kind: 'error', reason: `ServerKeyExchange with curve type ${curveType}, not a named curve` };
      return this.verdict(r.u16(), version);
    } catch {
      return { kind: 'error', reason: 'ServerKeyExchange cut short' };
    }
  }

  private verdict(chosen: number, version: TlsVersion): GroupProbeAnswer {
    if (chosen === this.group) return { kind: 'accepted', version };
    return { kind: 'error', reason: `server chose ${groupName(chosen)}, which was not offered` };
  }
}
