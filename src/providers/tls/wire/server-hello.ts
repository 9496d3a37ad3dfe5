import { Reader, readExtensions } from './bytes.js';
import { EXT, HELLO_RETRY_RANDOM } from './constants.js';

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
  let version = legacyVersion;
  const supported = extensions.get(EXT.supportedVersions);
  if (supported) {
    if (supported.length !== 2) throw new Error('supported_versions in a ServerHello must hold one version');
    version = supported.readUInt16BE();
  }
  return { version, suite, compression, helloRetryRequest: random.equals(HELLO_RETRY_RANDOM), extensions };
}
