import { Reader, readExtensions } from './bytes.js';
import { EXT } from './constants.js';

export interface ClientHello {
  legacyVersion: number;
  sessionId: Buffer;
  suites: number[];
  extensions: Map<number, Buffer>;
  /** From supported_versions (TLS 1.3 clients); undefined when the extension is absent. */
  supportedVersions?: number[];
  servername?: string;
}

function u16List(body: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < body.length; i += 2) out.push(body.readUInt16BE(i));
  return out;
}

function serverName(body: Buffer): string | undefined {
  const list = new Reader(new Reader(body).vec16());
  while (list.remaining > 0) {
    const type = list.u8();
    const name = list.vec16();
    if (type === 0) return name.toString('ascii');
  }
  return undefined;
}

/** Parses a ClientHello body (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2). Throws on a malformed body. */
export function parseClientHello(body: Buffer): ClientHello {
  const r = new Reader(body);
  const legacyVersion = r.u16();
  r.bytes(32); // random
  const sessionId = r.vec8();
  const suiteBytes = r.vec16();
  if (suiteBytes.length % 2 !== 0) throw new Error('odd cipher suite list');
  r.vec8(); // compression methods
  const extensions = readExtensions(r);
  const versions = extensions.get(EXT.supportedVersions);
  const sni = extensions.get(EXT.serverName);
  return {
    legacyVersion,
    sessionId,
    suites: u16List(suiteBytes),
    extensions,
    supportedVersions: versions ? u16List(new Reader(versions).vec8()) : undefined,
    servername: sni ? serverName(sni) : undefined,
  };
}
