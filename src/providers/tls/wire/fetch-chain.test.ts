import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { fetchCertificateChain } from './fetch-chain.js';
import { suiteByName } from './suites.js';
import { closedPort, serverPool, testCertificate } from '../../../../test/support/tls/test-servers.js';

// Real sockets: node:tls servers on loopback send their Certificate in the clear up to TLS 1.2.
const servers = serverPool();
afterAll(() => servers.stopAll());
const base = { host: '127.0.0.1', timeoutMs: 5000 };
const leafDer = new X509Certificate(testCertificate().cert).raw.toString('base64');
const id = (name: string) => suiteByName(name)!.id;

describe('fetchCertificateChain', () => {
  it('reads the chain a TLS 1.2 server presents, with the negotiated version and suite', async () => {
    const port = await servers.tls({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES128-GCM-SHA256' });
    const chain = await fetchCertificateChain({ ...base, port });
    expect(chain).toEqual({ kind: 'chain', version: 'TLSv1.2', suite: id('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'), chainDer: [leafDer] });
  });

  it('goes down the versions until the server answers one (TLS 1.0 only here)', async () => {
    const port = await servers.tls({ minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0' });
    expect(await fetchCertificateChain({ ...base, port })).toMatchObject({ kind: 'chain', version: 'TLSv1.0', chainDer: [leafDer] });
  });

  it('offers only the version and suites it is told to', async () => {
    const port = await servers.tls({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256' });
    const suite = id('TLS_RSA_WITH_AES_128_CBC_SHA');
    expect(await fetchCertificateChain({ ...base, port, version: 'TLSv1.2', suites: [suite] })).toMatchObject({ kind: 'chain', suite });
    expect(await fetchCertificateChain({ ...base, port, version: 'TLSv1.1' })).toMatchObject({ kind: 'error', refused: true });
  });

  it('has nothing to read from a TLS 1.3-only server, whose certificate is encrypted', async () => {
    const port = await servers.tls({ minVersion: 'TLSv1.3' });
    expect(await fetchCertificateChain({ ...base, port })).toMatchObject({ kind: 'error', refused: true });
    expect(await fetchCertificateChain({ ...base, port, version: 'TLSv1.3' })).toEqual({
      kind: 'error',
      reason: 'TLS 1.3 sends its certificate encrypted',
    });
  });

  it('is an error, not a chain, when nothing listens', async () => {
    expect(await fetchCertificateChain({ ...base, port: await closedPort() })).toEqual({ kind: 'error', reason: 'ECONNREFUSED' });
  });
});
