import { describe, expect, it } from 'vitest';
import { MAX_SUITES_PER_RECORD, buildClientHello } from './client-hello.js';
import { EXT, HANDSHAKE, MAX_RECORD, RENEGOTIATION_SCSV } from './constants.js';
import { parseClientHello } from './parse-client-hello.js';
import { RecordReader } from './records.js';
import { suitesFor } from './suites.js';
import type { TlsVersion } from './types.js';
import { nth } from '../../../../test/helpers/nth.js';

function roundTrip(version: TlsVersion, suites: number[], servername?: string) {
  const bytes = buildClientHello({ version, suites, servername });
  const events = new RecordReader().push(bytes);
  expect(events).toHaveLength(1);
  const event = nth(events, 0);
  if (event.type !== 'handshake' || event.msgType !== HANDSHAKE.clientHello) throw new Error('not a ClientHello');
  return { bytes, recordVersion: event.recordVersion, hello: parseClientHello(event.body) };
}

describe('ClientHello', () => {
  it('offers TLS 1.2 with the suites, SNI and signature algorithms', () => {
    const { hello, recordVersion } = roundTrip('TLSv1.2', [0xc02f, 0x000a], 'example.org');
    expect(recordVersion).toBe(0x0301);
    expect(hello.legacyVersion).toBe(0x0303);
    expect(hello.suites).toEqual([0xc02f, 0x000a]);
    expect(hello.servername).toBe('example.org');
    expect(hello.supportedVersions).toBeUndefined();
    expect([...hello.extensions.keys()]).toEqual(
      expect.arrayContaining([EXT.supportedGroups, EXT.ecPointFormats, EXT.signatureAlgorithms, EXT.renegotiationInfo]),
    );
  });

  it('offers TLS 1.3 through supported_versions with an x25519 key share', () => {
    const { hello } = roundTrip('TLSv1.3', [0x1301], 'example.org');
    expect(hello.legacyVersion).toBe(0x0303);
    expect(hello.supportedVersions).toEqual([0x0304]);
    expect(hello.sessionId).toHaveLength(32);
    const share = hello.extensions.get(EXT.keyShare)!;
    expect(share.readUInt16BE(0)).toBe(share.length - 2);
    expect(share.readUInt16BE(2)).toBe(29);
    expect(share.readUInt16BE(4)).toBe(32);
  });

  it('sends SSLv3 in an SSLv3 record without extensions, signalling renegotiation by SCSV', () => {
    const { hello, recordVersion } = roundTrip('SSLv3', [0x0004], 'example.org');
    expect(recordVersion).toBe(0x0300);
    expect(hello.legacyVersion).toBe(0x0300);
    expect(hello.extensions.size).toBe(0);
    expect(hello.suites).toEqual([0x0004, RENEGOTIATION_SCSV]);
  });

  it('leaves out SNI for an IP address', () => {
    expect(roundTrip('TLSv1.2', [0xc02f], '127.0.0.1').hello.servername).toBeUndefined();
    expect(roundTrip('TLSv1.2', [0xc02f], '::1').hello.servername).toBeUndefined();
  });

  it('pads a hello of 256–511 bytes to at least 512 and leaves others alone', () => {
    let padded = 0;
    for (let n = 1; n <= 200; n += 7) {
      const { bytes, hello } = roundTrip('TLSv1.0', suitesFor('TLSv1.0').slice(0, n));
      const handshakeLength = bytes.length - 5;
      expect(handshakeLength < 256 || handshakeLength >= 512).toBe(true);
      if (hello.extensions.has(EXT.padding)) padded++;
    }
    expect(padded).toBeGreaterThan(0);
  });

  it('fits the largest suite list in one record and refuses more', () => {
    const many = Array.from({ length: MAX_SUITES_PER_RECORD }, (_, i) => 0x0100 + i);
    expect(roundTrip('TLSv1.2', many).bytes.length - 5).toBeLessThanOrEqual(MAX_RECORD);
    expect(() => buildClientHello({ version: 'TLSv1.2', suites: [...many, 1] })).toThrow(RangeError);
    expect(() => buildClientHello({ version: 'TLSv1.2', suites: [] })).toThrow(TypeError);
  });
});
