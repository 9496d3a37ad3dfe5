import { afterAll, describe, expect, it } from 'vitest';
import { enumerateSuites } from './enumerate.js';
import { suiteByName, suitesFor } from './suites.js';
import { serverPool, testEcCertificate } from '../../../../test/support/tls/test-servers.js';
import { nth } from '../../../../test/helpers/nth.js';

const id = (name: string): number => suiteByName(name)!.id;
const pool = serverPool();
const server = pool.tls;
afterAll(pool.stopAll);
const base = { host: '127.0.0.1', timeoutMs: 5000 };

describe('enumerateSuites by elimination', () => {
  const serverOrder = ['TLS_RSA_WITH_AES_128_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'];
  const openssl = 'AES128-SHA:ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256';

  it('finds every suite in the server’s order with one handshake per suite plus the final refusal', async () => {
    const port = await server({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: openssl, honorCipherOrder: true });
    const candidates = suitesFor('TLSv1.2').slice(0, 100); // one bundle
    const result = await enumerateSuites({ ...base, port, version: 'TLSv1.2', candidates });
    expect(result).toEqual({ accepted: serverOrder.map(id), handshakes: 4 });
  });

  it('has nothing to offer and opens no connection for an empty candidate list', async () => {
    const port = await server({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: openssl });
    expect(await enumerateSuites({ ...base, port, version: 'TLSv1.2', candidates: [] })).toEqual({ accepted: [], handshakes: 0 });
  });

  it('offers every catalogued suite by default, in bundles of fewer than 128 (as testssl.sh does)', async () => {
    const port = await server({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: openssl, honorCipherOrder: true });
    const result = await enumerateSuites({ ...base, port, version: 'TLSv1.2' });
    expect(result.accepted).toEqual(serverOrder.map(id));
    expect(result.handshakes).toBe(3 + Math.ceil((suitesFor('TLSv1.2').length - 3) / 127));
  });

  it('splits candidates into bundles and still finds them all', async () => {
    const port = await server({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: openssl, honorCipherOrder: true });
    const candidates = suitesFor('TLSv1.2');
    // the first bundle holds the two ECDHE suites, a later one the static RSA suite the server prefers
    const result = await enumerateSuites({ ...base, port, version: 'TLSv1.2', maxSuitesPerHello: 20 });
    expect(candidates.indexOf(id(nth(serverOrder, 0)))).toBeGreaterThanOrEqual(22);
    expect(result.accepted).toEqual(serverOrder.map(id)); // ranked again: the picks did not compete
    expect(result.handshakes).toBe(3 + Math.ceil((candidates.length - 3) / 20) + 2);
  });

  it('finds weak suites OpenSSL 3 still serves at level 0: anonymous DH and NULL encryption', async () => {
    const port = await server({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ADH-AES128-SHA:NULL-SHA256:@SECLEVEL=0',
      dhparam: 'auto',
      honorCipherOrder: true,
    });
    const result = await enumerateSuites({ ...base, port, version: 'TLSv1.2' });
    expect(result.accepted).toEqual([id('TLS_DH_anon_WITH_AES_128_CBC_SHA'), id('TLS_RSA_WITH_NULL_SHA256')]);
  });

  const ec = testEcCertificate();
  it.skipIf(!ec)('lists the ECDSA suites of a server with an EC P-256 certificate (Mozilla intermediate)', async () => {
    const ciphers = 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES256-SHA';
    const port = await server({ ...ec, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers, honorCipherOrder: true });
    const result = await enumerateSuites({ ...base, port, version: 'TLSv1.2' });
    expect(result.accepted).toEqual([
      id('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'),
      id('TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'),
      id('TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA'),
    ]);
  });

  it('lists the TLS 1.3 suites of a TLS 1.3 server', async () => {
    const port = await server({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' });
    const result = await enumerateSuites({ ...base, port, version: 'TLSv1.3' });
    expect([...result.accepted].sort()).toEqual([0x1301, 0x1302, 0x1303]);
    expect(result.handshakes).toBe(4);
  });

  it('finds nothing, in one handshake, for a version the server refuses', async () => {
    const port = await server({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' });
    expect(await enumerateSuites({ ...base, port, version: 'TLSv1.0' })).toEqual({ accepted: [], handshakes: 1 });
  });

  it('stops as inconclusive when a probe gets no verdict', async () => {
    const silent = { port: await pool.tcp(() => undefined) };
    const result = await enumerateSuites({ ...base, port: silent.port, version: 'TLSv1.2', timeoutMs: 200 });
    expect(result).toEqual({ accepted: [], handshakes: 1, inconclusive: 'timeout after 200 ms waiting for an answer' });
  });
});
