import { handshake, record, u16, vec16, vec8 } from '../../../src/providers/tls/wire/bytes.js';
import { CONTENT, HANDSHAKE } from '../../../src/providers/tls/wire/constants.js';

/** A ServerHello message: no session id, null compression, these extensions (none: no extensions block). */
export function serverHello(o: { version: number; suite: number; exts?: Buffer[]; random?: Buffer }): Buffer {
  const exts = o.exts?.length ? vec16(Buffer.concat(o.exts)) : Buffer.alloc(0);
  const body = Buffer.concat([
    u16(o.version),
    o.random ?? Buffer.alloc(32, 7),
    vec8(Buffer.alloc(0)),
    u16(o.suite),
    Buffer.from([0]),
    exts,
  ]);
  return handshake(HANDSHAKE.serverHello, body);
}

/** Handshake messages in one record. */
export const hs = (msg: Buffer, version = 0x0303): Buffer => record(CONTENT.handshake, version, msg);
export const alert = (level: number, description: number): Buffer => record(CONTENT.alert, 0x0303, Buffer.from([level, description]));
