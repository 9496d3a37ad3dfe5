import { Reader, readExtensions } from './bytes.js';
import { EXT, HELLO_RETRY_RANDOM, VERSION_CODES, versionOfCode } from './constants.js';
import type { TlsVersion } from './types.js';

const TLS12 = VERSION_CODES['TLSv1.2'];

export interface ServerHello {
  /** The negotiated version: supported_versions when present (TLS 1.3), else the legacy field. */
  version: number;
  suite: number;
  compression: number;
  helloRetryRequest: boolean;
  extensions: Map<number, Buffer>;
}

/** Parses a ServerHello body (RFC 5246 §7.4.1.3, RFC 8446 §4.1.3). Throws on a malformed body. */
export function parseServerHello(body: Buffer): ServerHello {
  const r = new Reader(body);
  const legacyVersion = r.u16();
  const random = r.bytes(32);
  const sessionId = r.vec8();
  if (sessionId.length > 32) throw new Error(`session id of ${sessionId.length} bytes`);
  const suite = r.u16();
  const compression = r.u8();
  const extensions = readExtensions(r);
  if (r.remaining !== 0) throw new Error(`${r.remaining} stray bytes after the ServerHello`);
  // RFC 8446 §4.1.3: TLS 1.3 is negotiated only by supported_versions, with legacy_version 0x0303
  if (legacyVersion > TLS12) throw new Error(`legacy_version 0x${legacyVersion.toString(16)} above TLS 1.2`);
  let version = legacyVersion;
  const supported = extensions.get(EXT.supportedVersions);
  if (supported) {
    if (supported.length !== 2) throw new Error('supported_versions in a ServerHello must hold one version');
    version = supported.readUInt16BE();
    // §4.2.1: a server that negotiates an earlier version sends no supported_versions
    if (version <= TLS12) throw new Error(`supported_versions selecting 0x${version.toString(16)}, below TLS 1.3`);
  }
  const helloRetryRequest = random.equals(HELLO_RETRY_RANDOM);
  // §4.2.8: a TLS 1.3 ServerHello to a hello without PSKs (ours never offer one) carries the server's key_share
  if (version > TLS12 && !helloRetryRequest && !extensions.has(EXT.keyShare)) throw new Error('TLS 1.3 ServerHello without key_share');
  return { version, suite, compression, helloRetryRequest, extensions };
}

/** A ServerHello body parsed, with its version named: or why it decides nothing (it does not parse, or names no known version). */
export function readServerHello(body: Buffer): { hello: ServerHello; version: TlsVersion } | { kind: 'error'; reason: string } {
  let hello: ServerHello;
  try {
    hello = parseServerHello(body);
  } catch (err) {
    return { kind: 'error', reason: `malformed ServerHello: ${(err as Error).message}` };
  }
  const version = versionOfCode(hello.version);
  if (!version) return { kind: 'error', reason: `ServerHello with unknown version 0x${hello.version.toString(16)}` };
  return { hello, version };
}
