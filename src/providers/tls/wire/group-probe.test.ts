import { describe, expect, it } from 'vitest';
import { alert, hs, serverHello } from '../../../../test/support/tls/server-records.js';
import { extension, handshake, u16, vec16, vec8 } from './bytes.js';
import { buildClientHello } from './client-hello.js';
import { EXT, HANDSHAKE, HELLO_RETRY_RANDOM } from './constants.js';
import { GroupInterpreter } from './group-probe.js';
import { parseClientHello } from './parse-client-hello.js';

const P256 = 23;
const X25519 = 29;
const ECDHE_RSA_AES128_GCM = 0xc02f;
const TLS_AES_128_GCM = 0x1301;

/** A HelloRetryRequest selecting `group` (RFC 8446 §4.1.4: key_share holds the selected group alone). */
const retry = (group: number, suite = TLS_AES_128_GCM) =>
  hs(
    serverHello({
      version: 0x0303,
      suite,
      random: HELLO_RETRY_RANDOM,
      exts: [extension(EXT.supportedVersions, u16(0x0304)), extension(EXT.keyShare, u16(group))],
    }),
  );
const tls12Hello = hs(serverHello({ version: 0x0303, suite: ECDHE_RSA_AES128_GCM }));
const certificate = hs(handshake(HANDSHAKE.certificate, Buffer.from([0, 0, 0])));
/** ServerKeyExchange: ECParameters (named_curve, the curve), then the point and signature, which are not read. */
const keyExchange = (curve: number, curveType = 3) =>
  hs(handshake(HANDSHAKE.serverKeyExchange, Buffer.concat([Buffer.from([curveType]), u16(curve), vec8(Buffer.alloc(65, 4))])));

function feed(chunks: Buffer[], group = P256, upTo: 'TLSv1.3' | 'TLSv1.2' = 'TLSv1.3') {
  const interpreter = new GroupInterpreter(group, new Set([ECDHE_RSA_AES128_GCM, TLS_AES_128_GCM]), upTo);
  for (const chunk of chunks) {
    const answer = interpreter.push(chunk);
    if (answer) return answer;
  }
  return interpreter.closed('closed');
}

describe('probing one named group', () => {
  it('offers the group alone, an empty key share, and TLS 1.3 down to 1.0', () => {
    const hello = parseClientHello(
      buildClientHello({
        version: 'TLSv1.3',
        suites: [TLS_AES_128_GCM, ECDHE_RSA_AES128_GCM],
        groups: [P256],
        supportedVersions: ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1.0'],
      }).subarray(9), // past the record and handshake headers
    );
    expect(hello.extensions.get(EXT.supportedGroups)).toEqual(vec16(u16(P256)));
    expect(hello.extensions.get(EXT.keyShare)).toEqual(vec16(Buffer.alloc(0)));
    expect(hello.supportedVersions).toEqual([0x0304, 0x0303, 0x0302, 0x0301]);
  });

  it('accepts the group a HelloRetryRequest selects', () => {
    expect(feed([retry(P256)])).toEqual({ kind: 'accepted', version: 'TLSv1.3' });
  });

  it('accepts the curve a TLS 1.2 ServerKeyExchange names, after the certificate, whatever the reads', () => {
    const flight = Buffer.concat([tls12Hello, certificate, keyExchange(P256)]);
    expect(feed([flight])).toEqual({ kind: 'accepted', version: 'TLSv1.2' });
    expect(feed([...flight].map((b) => Buffer.from([b])))).toEqual({ kind: 'accepted', version: 'TLSv1.2' });
  });

  it('refuses on a fatal alert, and on a hang-up without an answer', () => {
    expect(feed([alert(2, 40)])).toMatchObject({ kind: 'rejected', reason: 'alert handshake_failure' });
    expect(feed([])).toMatchObject({ kind: 'rejected', reason: 'connection closed without an answer' });
  });

  it('refuses an SSLv3 answer, as a client that offers TLS 1.0 at the least does', () => {
    expect(feed([hs(serverHello({ version: 0x0300, suite: ECDHE_RSA_AES128_GCM }))])).toMatchObject({ kind: 'rejected' });
  });

  it.each([
    ['another group than offered (HelloRetryRequest)', [retry(X25519)], /server chose X25519, which was not offered/],
    ['another curve than offered (ServerKeyExchange)', [tls12Hello, certificate, keyExchange(24)], /server chose secp384r1/],
    ['explicit curve parameters', [tls12Hello, keyExchange(P256, 1)], /curve type 1, not a named curve/],
    [
      'a ServerHelloDone with no ServerKeyExchange',
      [tls12Hello, certificate, hs(handshake(HANDSHAKE.serverHelloDone, Buffer.alloc(0)))],
      /instead of a ServerKeyExchange/,
    ],
    ['a close after the ServerHello', [tls12Hello], /closed before a ServerKeyExchange/],
    ['a suite never offered', [hs(serverHello({ version: 0x0303, suite: 0x002f }))], /suite 0x002f, which was not offered/],
    [
      'a TLS 1.3 ServerHello with a key share never asked for',
      [
        hs(
          serverHello({
            version: 0x0303,
            suite: TLS_AES_128_GCM,
            exts: [
              extension(EXT.supportedVersions, u16(0x0304)),
              extension(EXT.keyShare, Buffer.concat([u16(P256), vec16(Buffer.alloc(65, 4))])),
            ],
          }),
        ),
      ],
      /without a key share/,
    ],
    ['bytes that are not TLS', [Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')], /not a TLS answer/],
  ])('learns nothing from %s', (_case, chunks, reason) => {
    expect(feed(chunks as Buffer[])).toMatchObject({ kind: 'error', reason: expect.stringMatching(reason) });
  });

  it('reads TLS 1.3 for a hello capped at TLS 1.2 as a broken answer', () => {
    expect(feed([retry(P256)], P256, 'TLSv1.2')).toMatchObject({ kind: 'error', reason: /at most TLSv1\.2/ });
  });
});
