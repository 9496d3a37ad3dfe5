import { describe, expect, it } from 'vitest';
import { AnswerInterpreter, MAX_BYTES_BEFORE_HELLO } from './answer.js';
import { alert, hs, serverHello as anyServerHello } from '../../../../test/support/tls/server-records.js';
import { extension, handshake, record, u16, vec16 } from './bytes.js';
import { CONTENT, EXT, HANDSHAKE, HELLO_RETRY_RANDOM } from './constants.js';
import type { TlsVersion } from './types.js';

/** A ServerHello; with `supported`, a TLS 1.3 one carrying the server's key share (X25519) unless the case says otherwise. */
function serverHello(o: { version: number; suite: number; supported?: number; random?: Buffer; keyShare?: boolean }): Buffer {
  const share =
    o.supported && o.keyShare !== false ? [extension(EXT.keyShare, Buffer.concat([u16(0x001d), vec16(Buffer.alloc(32, 9))]))] : [];
  const exts = o.supported ? [extension(EXT.supportedVersions, u16(o.supported)), ...share] : [];
  return anyServerHello({ version: o.version, suite: o.suite, exts, ...(o.random ? { random: o.random } : {}) });
}

function feed(chunks: Buffer[], version: TlsVersion = 'TLSv1.2', offered = [0xc02f, 0x1301]) {
  const interpreter = new AnswerInterpreter(version, new Set(offered));
  for (const chunk of chunks) {
    const answer = interpreter.push(chunk);
    if (answer) return answer;
  }
  return interpreter.closed('closed');
}
const bytewise = (b: Buffer): Buffer[] => [...b].map((x) => Buffer.from([x]));

describe('reading the server’s first answer', () => {
  const hello12 = hs(serverHello({ version: 0x0303, suite: 0xc02f }));

  it('reads a ServerHello in one read', () => {
    expect(feed([hello12])).toEqual({ kind: 'accepted', version: 'TLSv1.2', suite: 0xc02f });
  });

  it('reads a ServerHello arriving one byte per TCP read', () => {
    expect(feed(bytewise(hello12))).toEqual({ kind: 'accepted', version: 'TLSv1.2', suite: 0xc02f });
  });

  it('reassembles a ServerHello split across two records', () => {
    const msg = serverHello({ version: 0x0303, suite: 0xc02f });
    expect(feed([Buffer.concat([hs(msg.subarray(0, 10)), hs(msg.subarray(10))])])).toMatchObject({ kind: 'accepted' });
  });

  it('reads a TLS 1.3 ServerHello from supported_versions, not the legacy field', () => {
    const answer = feed([hs(serverHello({ version: 0x0303, suite: 0x1301, supported: 0x0304 }))], 'TLSv1.3');
    expect(answer).toEqual({ kind: 'accepted', version: 'TLSv1.3', suite: 0x1301 });
  });

  it.each([
    ['a legacy_version above TLS 1.2', { version: 0x0304, suite: 0x1301 }, /legacy_version 0x304 above TLS 1\.2/],
    [
      'a TLS 1.3 ServerHello without key_share',
      { version: 0x0303, suite: 0x1301, supported: 0x0304, keyShare: false },
      /without key_share/,
    ],
    ['supported_versions selecting TLS 1.2', { version: 0x0303, suite: 0x1301, supported: 0x0303 }, /below TLS 1\.3/],
  ])('%s is malformed: inconclusive, never TLS 1.3 accepted', (_, hello, reason) => {
    expect(feed([hs(serverHello(hello))], 'TLSv1.3')).toEqual({ kind: 'error', reason: expect.stringMatching(reason) });
  });

  it('counts a HelloRetryRequest as acceptance of TLS 1.3 and its suite', () => {
    const hrr = serverHello({ version: 0x0303, suite: 0x1301, supported: 0x0304, random: HELLO_RETRY_RANDOM });
    expect(feed([hs(hrr)], 'TLSv1.3')).toEqual({ kind: 'accepted', version: 'TLSv1.3', suite: 0x1301, helloRetryRequest: true });
  });

  it('a fatal alert is a refusal that names it', () => {
    expect(feed([alert(2, 40)])).toEqual({
      kind: 'rejected',
      alert: { level: 2, description: 40, name: 'handshake_failure' },
      reason: 'alert handshake_failure',
    });
  });

  it('a warning alert does not end the exchange: the ServerHello after it decides', () => {
    expect(feed([alert(1, 112), hello12])).toMatchObject({ kind: 'accepted' });
    expect(feed([alert(1, 112)])).toMatchObject({ kind: 'rejected', alert: { name: 'unrecognized_name' } });
  });

  it('an older version than asked is a refusal of the one asked', () => {
    const answer = feed([hs(serverHello({ version: 0x0301, suite: 0xc02f }), 0x0301)]);
    expect(answer).toEqual({ kind: 'rejected', reason: 'server negotiated TLSv1.0 instead', negotiated: 'TLSv1.0' });
  });

  it('a newer version than offered is a protocol violation that still refuses the version asked', () => {
    const answer = feed([hs(serverHello({ version: 0x0301, suite: 0x0004 }), 0x0301)], 'SSLv3', [0x0004]);
    expect(answer).toEqual({
      kind: 'rejected',
      reason: 'server answered TLSv1.0 to a hello offering at most SSLv3',
      negotiated: 'TLSv1.0',
    });
  });

  it.each([
    ['a suite that was not offered', [hs(serverHello({ version: 0x0303, suite: 0x000a }))], 'TLSv1.2', 'not offered'],
    ['an SSLv2 ServerHello', [Buffer.from([0x80, 0x2e, 0x04, 0x00, 0x01, 0x00, 0x02])], 'SSLv3', 'SSLv2 ServerHello'],
    ['an HTTP answer', [Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')], 'TLSv1.2', 'not a TLS answer'],
    ['a record beyond the size limit', [Buffer.from([22, 3, 3, 0xff, 0xff])], 'TLSv1.2', 'exceeds the TLS limit'],
    ['application data first', [record(CONTENT.applicationData, 0x0303, Buffer.alloc(4))], 'TLSv1.2', 'content type 23'],
    ['a Certificate first', [hs(handshake(11, Buffer.alloc(3)))], 'TLSv1.2', 'instead of a ServerHello'],
    ['a truncated ServerHello body', [hs(handshake(HANDSHAKE.serverHello, Buffer.alloc(20)))], 'TLSv1.2', 'malformed ServerHello'],
    ['a half record, then close', [hello12.subarray(0, 20)], 'TLSv1.2', 'answer truncated'],
    ['an odd-sized alert', [record(CONTENT.alert, 0x0303, Buffer.from([2]))], 'TLSv1.2', 'alert record of 1 bytes'],
  ] as const)('%s is an error', (_what, chunks, version, reason) => {
    const answer = feed([...chunks], version as TlsVersion);
    expect(answer.kind).toBe('error');
    expect(answer.kind === 'error' && answer.reason).toContain(reason);
  });

  it('endless HelloRequests or warnings are an error once past the byte limit, not a wait for the timeout', () => {
    const endless = Array.from({ length: MAX_BYTES_BEFORE_HELLO / 1000 + 1 }, () =>
      hs(Buffer.concat(Array.from({ length: 250 }, () => handshake(0, Buffer.alloc(0))))),
    );
    expect(feed(endless)).toEqual({ kind: 'error', reason: `more than ${MAX_BYTES_BEFORE_HELLO} bytes without a ServerHello` });
  });
  it('a close before any byte is a refusal; a reset too', () => {
    expect(feed([])).toEqual({ kind: 'rejected', reason: 'connection closed without an answer' });
    expect(new AnswerInterpreter('SSLv3', new Set([4])).closed('reset')).toEqual({
      kind: 'rejected',
      reason: 'connection reset without an answer',
    });
  });
});
