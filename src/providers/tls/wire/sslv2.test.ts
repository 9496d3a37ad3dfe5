import { describe, expect, it } from 'vitest';
import { u16, u24 } from './bytes.js';
import { Sslv2Interpreter } from './sslv2-probe.js';
import { buildSslv2ClientHello, parseSslv2ClientHello, parseSslv2ServerHello, sslv2Record } from './sslv2.js';

function serverHello(o: { kinds?: number[]; certificate?: Buffer; connectionId?: Buffer; specsLength?: number } = {}): Buffer {
  const certificate = o.certificate ?? Buffer.alloc(40, 1);
  const specs = Buffer.concat((o.kinds ?? [0x010080, 0x0700c0]).map(u24));
  const connectionId = o.connectionId ?? Buffer.alloc(16, 2);
  return sslv2Record(
    Buffer.concat([
      Buffer.from([4, 0, 1]),
      u16(2),
      u16(certificate.length),
      u16(o.specsLength ?? specs.length),
      u16(connectionId.length),
      certificate,
      specs,
      connectionId,
    ]),
  );
}

function feed(chunks: Buffer[], end: 'closed' | 'reset' = 'closed') {
  const interpreter = new Sslv2Interpreter();
  for (const chunk of chunks) {
    const answer = interpreter.push(chunk);
    if (answer) return answer;
  }
  return interpreter.closed(end);
}
const bytewise = (b: Buffer): Buffer[] => [...b].map((x) => Buffer.from([x]));

describe('the SSLv2 CLIENT-HELLO', () => {
  it('has a 2-byte header with the high bit set and the 15-bit length of the message', () => {
    const hello = buildSslv2ClientHello();
    expect(hello[0]! & 0x80).toBe(0x80);
    expect(hello.readUInt16BE(0) & 0x7fff).toBe(hello.length - 2);
    expect(hello[2]).toBe(1); // MSG-CLIENT-HELLO
    expect(hello.readUInt16BE(3)).toBe(0x0002); // CLIENT-VERSION
  });

  it('offers every SSLv2 cipher kind as 3-byte specs, no session id and a 16-byte challenge', () => {
    const parsed = parseSslv2ClientHello(buildSslv2ClientHello().subarray(2));
    expect(parsed.version).toBe(2);
    expect(parsed.kinds).toEqual([0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700c0, 0x080080]);
    expect(parsed.sessionId).toHaveLength(0);
    expect(parsed.challenge).toHaveLength(16);
  });

  it('refuses a record the 2-byte header cannot carry', () => {
    expect(() => sslv2Record(Buffer.alloc(0x8000))).toThrow(RangeError);
    expect(() => buildSslv2ClientHello([])).toThrow(TypeError);
  });

  it('reads lengths that do not add up as malformed', () => {
    const message = parseSslv2ClientHello(buildSslv2ClientHello().subarray(2));
    expect(message.kinds).toHaveLength(8);
    expect(() => parseSslv2ServerHello(serverHello({ specsLength: 7 }).subarray(2))).toThrow(/not 3-byte kinds|need/);
    expect(() => parseSslv2ServerHello(Buffer.concat([serverHello().subarray(2), Buffer.from([0])]))).toThrow(/1 bytes after/);
  });
});

describe('reading the answer to an SSLv2 CLIENT-HELLO', () => {
  it('a SERVER-HELLO is acceptance, with the cipher kinds the server listed', () => {
    expect(feed([serverHello()])).toEqual({
      kind: 'accepted',
      ciphers: ['SSL_CK_RC4_128_WITH_MD5', 'SSL_CK_DES_192_EDE3_CBC_WITH_MD5'],
      certificateBytes: 40,
    });
  });

  it('reads a SERVER-HELLO arriving one byte per read', () => {
    expect(feed(bytewise(serverHello()))).toMatchObject({ kind: 'accepted' });
  });

  it('a SERVER-HELLO without a cipher kind is still acceptance (CVE-2015-3197), and an unknown kind is named by its bytes', () => {
    expect(feed([serverHello({ kinds: [] })])).toMatchObject({ kind: 'accepted', ciphers: [] });
    expect(feed([serverHello({ kinds: [0xff8000] })])).toMatchObject({ ciphers: ['SSLv2 cipher 0xff8000'] });
  });

  it.each([
    ['a TLS fatal alert', [Buffer.from([21, 3, 1, 0, 2, 2, 40])], 'TLS alert handshake_failure'],
    ['a TLS alert split across reads', bytewise(Buffer.from([21, 3, 3, 0, 2, 2, 70])), 'TLS alert protocol_version'],
    ['a TLS handshake record', [Buffer.from([22, 3, 3, 0, 4, 2, 0, 0, 0])], 'answered in TLS (record type 22), not SSLv2'],
    ['an SSLv2 ERROR', [sslv2Record(Buffer.from([0, 0, 1]))], 'SSLv2 ERROR NO-CIPHER-ERROR'],
    ['another SSLv2 message', [sslv2Record(Buffer.from([5, 1, 2, 3]))], 'SSLv2 message type 5 instead of a SERVER-HELLO'],
    ['an HTTP answer', [Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')], 'not an SSLv2 answer (first bytes 485454502f312e31 "HTTP/1.1")'],
    ['an empty SSLv2 record', [Buffer.from([0x80, 0])], 'an empty SSLv2 record'],
  ] as const)('%s is a refusal', (_what, chunks, reason) => {
    expect(feed([...chunks])).toEqual({ kind: 'rejected', reason });
  });

  it('a close or a reset before any byte is a refusal', () => {
    expect(feed([])).toEqual({ kind: 'rejected', reason: 'connection closed without an answer' });
    expect(feed([], 'reset')).toEqual({ kind: 'rejected', reason: 'connection reset without an answer' });
    expect(feed([Buffer.from([0x41])])).toMatchObject({ kind: 'rejected', reason: /no SSLv2 answer \(first bytes 41/ });
  });

  it('a SERVER-HELLO or any SSLv2 record cut short, or with lengths that do not add up, decides nothing', () => {
    const whole = serverHello();
    expect(feed([whole.subarray(0, 20)])).toEqual({ kind: 'error', reason: 'SSLv2 SERVER-HELLO truncated (20 bytes, then closed)' });
    // only the record header, or the header and a type byte: no message to judge
    expect(feed([whole.subarray(0, 2)])).toEqual({ kind: 'error', reason: 'SSLv2 record truncated (2 bytes, then closed)' });
    expect(feed([Buffer.from([0x80, 0x10, 5])], 'reset')).toEqual({
      kind: 'error',
      reason: 'SSLv2 record truncated (3 bytes, then reset)',
    });
    // a cut ERROR still says what it is
    expect(feed([Buffer.from([0x80, 3, 0])])).toMatchObject({ kind: 'rejected' });
    const odd = feed([serverHello({ specsLength: 4 })]);
    expect(odd).toMatchObject({ kind: 'error', reason: /malformed SSLv2 SERVER-HELLO/ });
  });

  it('stops reading at the record length, whatever follows', () => {
    const interpreter = new Sslv2Interpreter();
    expect(interpreter.push(Buffer.concat([serverHello(), Buffer.alloc(100_000, 0x41)]))).toMatchObject({ kind: 'accepted' });
  });

  it('a timeout is no verdict', () => {
    expect(new Sslv2Interpreter().failed('timeout after 5 ms waiting for an answer')).toMatchObject({ kind: 'error' });
  });
});
