import { quote, StartTlsFailed, StartTlsMalformed, StartTlsNotOffered, type Conversation } from './conversation.js';

/** Capability flags (MySQL client/server protocol, "Capabilities Flags"). */
export const CLIENT = {
  LONG_PASSWORD: 0x1,
  PROTOCOL_41: 0x200,
  SSL: 0x800,
  SECURE_CONNECTION: 0x8000,
} as const;
const CHARSET_UTF8MB4 = 45;
const MAX_PACKET = 16 * 1024 * 1024;

/** One packet: 3-byte little-endian length, sequence id, payload. */
async function readPacket(talk: Conversation): Promise<{ seq: number; payload: Buffer }> {
  const head = await talk.bytes(4);
  return { seq: head[3] ?? 0, payload: await talk.bytes(head.readUIntLE(0, 3)) };
}

/** The server's capability flags from its Initial Handshake (protocol version 10). */
export function serverCapabilities(payload: Buffer): { version: string; capabilities: number } {
  if (payload[0] === 0xff) {
    // ERR_Packet: 0xff, error code (2), then a message (with a '#' SQL state when 4.1)
    if (payload.length < 3)
      throw new StartTlsMalformed(`MySQL server sent an ERR packet of ${payload.length} bytes, without its error code`);
    const message = payload
      .subarray(3)
      .toString('utf8')
      .replace(/^#\w{5}/, '');
    throw new StartTlsFailed(`MySQL server refused the connection: ${payload.readUInt16LE(1)} ${quote(message)}`);
  }
  if (payload[0] !== 10) throw new StartTlsMalformed(`MySQL server sent handshake protocol version ${payload[0] ?? 'none'}, not 10`);
  const end = payload.indexOf(0, 1);
  if (end < 0) throw new StartTlsMalformed('MySQL server handshake has no NUL-terminated server version');
  // after the version: connection id (4), auth-plugin-data part 1 (8), filler (1), capability flags lower 2 bytes
  const at = end + 1 + 4 + 8 + 1;
  if (payload.length < at + 2) throw new StartTlsMalformed('MySQL server handshake ends before its capability flags');
  const lower = payload.readUInt16LE(at);
  // charset (1) and status (2) come before the upper 2 bytes, which are optional
  const upper = payload.length >= at + 7 ? payload.readUInt16LE(at + 5) : 0;
  return { version: payload.subarray(1, end).toString('latin1'), capabilities: (upper << 16) | lower };
}

/**
 * MySQL client/server protocol, "SSL Handshake": the server's Initial
 * Handshake must set CLIENT_SSL; the client answers an SSLRequest packet
 * (capabilities with CLIENT_SSL, max packet size, charset, 23 zero bytes),
 * sequence id 1, and TLS starts at once with no answer from the server.
 */
export async function mysql(talk: Conversation): Promise<string> {
  const { payload } = await readPacket(talk);
  const { version, capabilities } = serverCapabilities(payload);
  if (!(capabilities & CLIENT.SSL)) throw new StartTlsNotOffered(`MySQL server ${quote(version)} does not set CLIENT_SSL in its handshake`);
  const request = Buffer.alloc(32);
  request.writeUInt32LE(CLIENT.LONG_PASSWORD | CLIENT.PROTOCOL_41 | CLIENT.SSL | CLIENT.SECURE_CONNECTION, 0);
  request.writeUInt32LE(MAX_PACKET, 4);
  request.writeUInt8(CHARSET_UTF8MB4, 8);
  const header = Buffer.from([32, 0, 0, 1]);
  talk.write(Buffer.concat([header, request]));
  return `MySQL server ${quote(version)} sets CLIENT_SSL`;
}
