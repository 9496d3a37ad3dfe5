import { describe, expect, it } from 'vitest';
import { SUITES, suiteInfo, suitesFor } from './suites.js';

describe('cipher-suite catalogue', () => {
  it('has one entry per id, with the five TLS 1.3 suites', () => {
    expect(new Set(SUITES.map((s) => s.id)).size).toBe(SUITES.length);
    expect(SUITES.length).toBeGreaterThan(300);
    expect([...suitesFor('TLSv1.3')].sort()).toEqual([0x1301, 0x1302, 0x1303, 0x1304, 0x1305]);
  });

  it.each([
    [0x0003, 'TLS_RSA_EXPORT_WITH_RC4_40_MD5', ['export', 'rc4', 'static-rsa', 'md5']],
    [0x0005, 'TLS_RSA_WITH_RC4_128_SHA', ['rc4', 'static-rsa']],
    [0x0009, 'TLS_RSA_WITH_DES_CBC_SHA', ['des', 'static-rsa', 'cbc']],
    [0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', ['3des', 'static-rsa', 'cbc']],
    [0x0034, 'TLS_DH_anon_WITH_AES_128_CBC_SHA', ['anon', 'cbc']],
    [0x003b, 'TLS_RSA_WITH_NULL_SHA256', ['null', 'static-rsa']],
    [0xc013, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', ['cbc']],
    [0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', []],
    [0x1303, 'TLS_CHACHA20_POLY1305_SHA256', []],
  ])('suite %i is %s, weak for %j', (id, iana, weak) => {
    expect(suiteInfo(id)).toMatchObject({ iana, weak });
  });

  it('records key exchange, forward secrecy and the versions a suite belongs to', () => {
    expect(suiteInfo(0xc030)).toMatchObject({ kex: 'ECDHE', auth: 'RSA', aead: true, forwardSecrecy: true, versions: ['TLSv1.2'] });
    expect(suiteInfo(0x0039)).toMatchObject({ kex: 'DHE', forwardSecrecy: true, openssl: 'DHE-RSA-AES256-SHA' });
    expect(suiteInfo(0x002f)).toMatchObject({ kex: 'RSA', forwardSecrecy: false });
    expect(suiteInfo(0x0018)?.forwardSecrecy).toBe(false); // anonymous DH: ephemeral but unauthenticated
    expect(suiteInfo(0x000a)?.versions).toEqual(['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2']);
    expect(suiteInfo(0x1301)).toMatchObject({ kex: 'TLS13', versions: ['TLSv1.3'] });
    expect(suitesFor('SSLv3')).not.toContain(0xc02f);
  });

  it('offers the commonest suites first so that a short server list answers the first hello', () => {
    const order = suitesFor('TLSv1.2');
    expect(order.indexOf(0xc02f)).toBeLessThan(order.indexOf(0x002f));
    expect(order.indexOf(0x002f)).toBeLessThan(order.indexOf(0x0003));
    for (const legacy of [0x000a, 0x0005, 0xc012]) expect(order.slice(0, 127)).toContain(legacy); // 3DES, RC4 in the first bundle
  });
});
