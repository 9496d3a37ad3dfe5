/** Big-endian encoders for TLS structures (RFC 8446 §3: vectors carry their length in 1, 2 or 3 bytes). */

export function u8(n: number): Buffer {
  return Buffer.from([n & 0xff]);
}

export function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

export function u24(n: number): Buffer {
  return Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}

export function vec8(body: Buffer): Buffer {
  return Buffer.concat([u8(body.length), body]);
}

export function vec16(body: Buffer): Buffer {
  return Buffer.concat([u16(body.length), body]);
}

export function vec24(body: Buffer): Buffer {
  return Buffer.concat([u24(body.length), body]);
}

export function list16(values: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(values.length * 2);
  values.forEach((v, i) => out.writeUInt16BE(v, i * 2));
  return out;
}

export function extension(type: number, body: Buffer): Buffer {
  return Buffer.concat([u16(type), vec16(body)]);
}

export function record(contentType: number, version: number, body: Buffer): Buffer {
  return Buffer.concat([u8(contentType), u16(version), vec16(body)]);
}

export function handshake(type: number, body: Buffer): Buffer {
  return Buffer.concat([u8(type), vec24(body)]);
}

/**
 * A cursor over received bytes that throws `Truncated` when a field runs past the
 * end, so that a parser can tell "need more bytes" from "malformed".
 */
export class Truncated extends Error {}

export class Reader {
  constructor(
    private readonly buf: Buffer,
    public pos = 0,
  ) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  bytes(n: number): Buffer {
    if (this.pos + n > this.buf.length) throw new Truncated(`need ${n} bytes at ${this.pos}`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  u8(): number {
    return this.bytes(1).readUInt8();
  }

  u16(): number {
    return this.bytes(2).readUInt16BE();
  }

  u24(): number {
    return this.bytes(3).readUIntBE(0, 3);
  }

  vec8(): Buffer {
    return this.bytes(this.u8());
  }

  vec16(): Buffer {
    return this.bytes(this.u16());
  }
}

/** Extensions as type → body; a repeated type is malformed (RFC 8446 §4.2). */
export function readExtensions(r: Reader): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  if (r.remaining === 0) return out;
  const block = new Reader(r.vec16());
  while (block.remaining > 0) {
    const type = block.u16();
    const body = block.vec16();
    if (out.has(type)) throw new Error(`extension ${type} repeated`);
    out.set(type, body);
  }
  return out;
}
