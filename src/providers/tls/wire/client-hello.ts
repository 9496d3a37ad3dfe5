import { generateKeyPairSync, randomFillSync } from 'node:crypto';
import { isIP } from 'node:net';
import { extension, handshake, list16, record, u16, vec16, vec8 } from './bytes.js';
import {
  CONTENT,
  EXT,
  GROUP_X25519,
  HANDSHAKE,
  LEGACY_GROUPS,
  MAX_RECORD,
  RENEGOTIATION_SCSV,
  SIGNATURE_SCHEMES,
  TLS13_GROUPS,
  VERSION_CODES,
} from './constants.js';
import type { TlsVersion } from './types.js';

export interface HelloOptions {
  version: TlsVersion;
  suites: readonly number[];
  /** Sent as SNI unless it is an IP address (RFC 6066 forbids literal addresses). */
  servername?: string;
  /**
   * Offer these named groups alone, and in TLS 1.3 an empty key share: a server that agrees on one names it in
   * a HelloRetryRequest (RFC 8446 §4.2.8), with no key exchange on either side.
   */
  groups?: readonly number[];
  /** A TLS 1.3 hello's supported_versions, highest first (default TLS 1.3 alone): the server picks its highest. */
  supportedVersions?: readonly TlsVersion[];
}

/** Bytes of a hello besides its suite list, with every extension: the budget left for suites. */
const HELLO_OVERHEAD = 512;

/** Most suites one hello can carry inside one record. */
export const MAX_SUITES_PER_RECORD = Math.floor((MAX_RECORD - HELLO_OVERHEAD) / 2);

/**
 * Random bytes for hellos, drawn from a pool refilled 4 KiB at a time: a call into the random generator per
 * hello cost more than the rest of the hello. Each hello still gets bytes no other hello had.
 */
const randomPool = Buffer.alloc(4096);
let randomLeft = 0;

function fresh(n: number): Buffer {
  if (randomLeft < n) {
    randomFillSync(randomPool);
    randomLeft = randomPool.length;
  }
  randomLeft -= n;
  return Buffer.from(randomPool.subarray(randomLeft, randomLeft + n));
}

/**
 * Only the public half is sent: the probe reads the ServerHello and closes, no secret is ever derived,
 * so one key serves every hello of the process (a key pair per hello cost about 0.2 ms of CPU each).
 */
let x25519Share: Buffer | undefined;

function x25519PublicKey(): Buffer {
  x25519Share ??= generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return x25519Share;
}

function serverNameExtension(name: string): Buffer {
  const entry = Buffer.concat([Buffer.from([0]), vec16(Buffer.from(name, 'ascii'))]);
  return extension(EXT.serverName, vec16(entry));
}

/**
 * An endpoint's probes send the same extensions hello after hello (only the suites and randoms change): built
 * once per kind of hello, for the last few hundred kinds.
 */
const extensionsByHello = new Map<string, readonly Buffer[]>();
const MAX_CACHED_EXTENSIONS = 512;

function cachedExtensions(o: HelloOptions): readonly Buffer[] {
  const key = `${o.version} ${o.servername ?? ''} ${o.groups?.join(',') ?? ''} ${o.supportedVersions?.join(',') ?? ''}`;
  let exts = extensionsByHello.get(key);
  if (!exts) {
    if (extensionsByHello.size >= MAX_CACHED_EXTENSIONS) extensionsByHello.clear();
    extensionsByHello.set(key, (exts = extensionsFor(o)));
  }
  return exts;
}

function extensionsFor(o: HelloOptions): Buffer[] {
  if (o.version === 'SSLv3') return []; // SSLv3 predates extensions; the SCSV stands in for renegotiation_info
  const exts: Buffer[] = [];
  if (o.servername && !isIP(o.servername)) exts.push(serverNameExtension(o.servername));
  const tls13 = o.version === 'TLSv1.3';
  exts.push(extension(EXT.supportedGroups, vec16(list16(o.groups ?? (tls13 ? TLS13_GROUPS : LEGACY_GROUPS)))));
  exts.push(extension(EXT.ecPointFormats, vec8(Buffer.from([0, 1, 2]))));
  if (o.version === 'TLSv1.2' || tls13) {
    exts.push(extension(EXT.signatureAlgorithms, vec16(list16(SIGNATURE_SCHEMES))));
  }
  exts.push(extension(EXT.renegotiationInfo, Buffer.from([0])));
  exts.push(extension(EXT.extendedMasterSecret, Buffer.alloc(0)));
  exts.push(extension(EXT.sessionTicket, Buffer.alloc(0)));
  if (tls13) {
    const versions = o.supportedVersions ?? ['TLSv1.3'];
    exts.push(extension(EXT.supportedVersions, vec8(list16(versions.map((v) => VERSION_CODES[v])))));
    exts.push(extension(EXT.pskKeyExchangeModes, vec8(Buffer.from([1]))));
    const share = o.groups ? Buffer.alloc(0) : Buffer.concat([u16(GROUP_X25519), vec16(x25519PublicKey())]);
    exts.push(extension(EXT.keyShare, vec16(share)));
  }
  return exts;
}

/**
 * Some servers (old F5 load balancers) hang on hellos of 256–511 bytes: pad such a
 * hello to 512, as BoringSSL and testssl.sh do (RFC 7685).
 */
function padding(unpaddedBodyLength: number): Buffer | undefined {
  const full = unpaddedBodyLength + 4; // with the handshake header
  if (full < 0x100 || full >= 0x200) return undefined;
  const fill = Math.max(0x200 - full - 4, 0);
  return extension(EXT.padding, Buffer.alloc(fill));
}

/** One ClientHello handshake message in one record, offering `suites` at most `version`. */
export function buildClientHello(o: HelloOptions): Buffer {
  if (o.suites.length === 0) throw new TypeError('a ClientHello needs at least one cipher suite');
  if (o.suites.length > MAX_SUITES_PER_RECORD) {
    throw new RangeError(`${o.suites.length} suites do not fit one record (at most ${MAX_SUITES_PER_RECORD})`);
  }
  const tls13 = o.version === 'TLSv1.3';
  const suites = o.version === 'SSLv3' ? [...o.suites, RENEGOTIATION_SCSV] : [...o.suites];
  const exts = [...cachedExtensions(o)];
  const head = [
    u16(tls13 ? VERSION_CODES['TLSv1.2'] : VERSION_CODES[o.version]),
    fresh(32),
    // TLS 1.3 middlebox compatibility mode sends a 32-byte legacy session id (RFC 8446 §D.4)
    vec8(tls13 ? fresh(32) : Buffer.alloc(0)),
    vec16(list16(suites)),
    vec8(Buffer.from([0])), // compression: null only
  ];
  const unpadded = head.reduce((n, b) => n + b.length, 0) + (exts.length ? 2 + Buffer.concat(exts).length : 0);
  const pad = exts.length ? padding(unpadded) : undefined;
  if (pad) exts.push(pad);
  const body = Buffer.concat([...head, ...(exts.length ? [vec16(Buffer.concat(exts))] : [])]);
  const recordVersion = o.version === 'SSLv3' ? VERSION_CODES.SSLv3 : VERSION_CODES['TLSv1.0'];
  return record(CONTENT.handshake, recordVersion, handshake(HANDSHAKE.clientHello, body));
}
