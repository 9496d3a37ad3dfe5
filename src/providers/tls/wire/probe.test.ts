import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enumerateSuites } from './enumerate.js';
import { acceptedVersions, probe } from './probe.js';
import { suiteByName, suitesFor } from './suites.js';
import { closedPort, serverPool } from '../../../../test/support/tls/test-servers.js';
import type { TlsVersion } from './types.js';

const id = (name: string): number => suiteByName(name)!.id;
const timeoutMs = 5000;
const pool = serverPool();
const server = pool.tls;
afterAll(pool.stopAll);

describe('probe against node:tls', () => {
  let tls10: number, tls11: number, tls12: number, tls13: number;
  beforeAll(async () => {
    // OpenSSL 3 serves TLS 1.0 and 1.1 only at security level 0
    tls10 = await server({ minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0' });
    tls11 = await server({ minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'AES256-SHA:@SECLEVEL=0' });
    tls12 = await server({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'ECDHE-RSA-AES256-GCM-SHA384' });
    tls13 = await server({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' });
  });

  it.each([
    ['TLSv1.0', () => tls10, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA'],
    ['TLSv1.1', () => tls11, 'TLS_RSA_WITH_AES_256_CBC_SHA'],
    ['TLSv1.2', () => tls12, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  ] as const)('%s is accepted with the one suite the server has', async (version, port, suite) => {
    const answer = await probe({ host: '127.0.0.1', port: port(), version, suites: suitesFor(version), timeoutMs });
    expect(answer).toEqual({ kind: 'accepted', version, suite: id(suite) });
  });

  it('a version the server does not speak is rejected with its alert', async () => {
    const answer = await probe({ host: '127.0.0.1', port: tls12, version: 'TLSv1.0', suites: suitesFor('TLSv1.0'), timeoutMs });
    expect(answer).toMatchObject({ kind: 'rejected', alert: { level: 2, name: 'protocol_version' } });
  });

  it('a TLS 1.2 server asked for TLS 1.1 does not count as accepting it', async () => {
    const answer = await probe({ host: '127.0.0.1', port: tls12, version: 'TLSv1.1', suites: suitesFor('TLSv1.1'), timeoutMs });
    expect(answer.kind).toBe('rejected');
  });

  it('suites the server lacks are rejected with handshake_failure', async () => {
    const suites = [id('TLS_RSA_WITH_AES_128_CBC_SHA'), id('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256')];
    const answer = await probe({ host: '127.0.0.1', port: tls12, version: 'TLSv1.2', suites, timeoutMs });
    expect(answer).toMatchObject({ kind: 'rejected', alert: { name: 'handshake_failure' } });
  });

  it('TLS 1.3 is accepted by a TLS 1.3 server and refused by a TLS 1.2 one', async () => {
    const yes = await probe({ host: 'localhost', port: tls13, version: 'TLSv1.3', suites: suitesFor('TLSv1.3'), timeoutMs });
    expect(yes).toMatchObject({ kind: 'accepted', version: 'TLSv1.3' });
    expect(yes.kind === 'accepted' && [0x1301, 0x1302, 0x1303].includes(yes.suite)).toBe(true);
    const no = await probe({ host: '127.0.0.1', port: tls12, version: 'TLSv1.3', suites: suitesFor('TLSv1.3'), timeoutMs });
    expect(no.kind).toBe('rejected');
  });

  it('a TLS 1.3 server without x25519 answers a HelloRetryRequest, which still shows TLS 1.3 and its suite', async () => {
    const port = await server({ minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', ecdhCurve: 'P-256' });
    const answer = await probe({ host: '127.0.0.1', port, version: 'TLSv1.3', suites: [0x1303], timeoutMs });
    expect(answer).toEqual({ kind: 'accepted', version: 'TLSv1.3', suite: 0x1303, helloRetryRequest: true });
  });

  it('acceptedVersions probes every version', async () => {
    const port = await server({ minVersion: 'TLSv1.1', maxVersion: 'TLSv1.3', ciphers: 'DEFAULT@SECLEVEL=0' });
    const answers = await acceptedVersions({ host: '127.0.0.1', port, timeoutMs });
    const accepted = (Object.keys(answers) as TlsVersion[]).filter((v) => answers[v].kind === 'accepted');
    expect(accepted).toEqual(['TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
    expect(answers.SSLv3.kind).toBe('rejected');
    expect(answers['TLSv1.0'].kind).toBe('rejected');
  });

  it('offers a long list bundle by bundle until the server accepts', async () => {
    const suites = [
      ...suitesFor('TLSv1.2').filter((s) => s !== id('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384')),
      id('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'),
    ];
    const answer = await probe({ host: '127.0.0.1', port: tls12, version: 'TLSv1.2', suites, timeoutMs, maxSuitesPerHello: 50 });
    expect(answer).toMatchObject({ kind: 'accepted', suite: id('TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384') });
  });
});

describe('probe without a verdict', () => {
  it('an unresolvable name is an error for every version and for enumeration', async () => {
    const host = 'no-such-host.invalid';
    const answers = await acceptedVersions({ host, port: 443, timeoutMs: 3000 });
    for (const answer of Object.values(answers))
      expect(answer).toMatchObject({ kind: 'error', reason: expect.stringMatching(/ENOTFOUND|EAI_AGAIN|timeout/) });
    const suites = await enumerateSuites({ host, port: 443, version: 'TLSv1.2', timeoutMs: 3000 });
    expect(suites).toMatchObject({ accepted: [], handshakes: 0, inconclusive: expect.stringMatching(/ENOTFOUND|EAI_AGAIN|timeout/) });
  });

  it('a name is resolved once and still sent as SNI', async () => {
    const seen = new Set<string>();
    const port = await server({ minVersion: 'TLSv1.2', SNICallback: (name, cb) => (seen.add(name), cb(null)) });
    const answers = await acceptedVersions({ host: 'localhost', port, timeoutMs });
    expect(answers['TLSv1.2'].kind).toBe('accepted');
    const suites = await enumerateSuites({ host: 'localhost', port, version: 'TLSv1.3', timeoutMs });
    expect(suites.accepted.length).toBe(3);
    expect([...seen]).toEqual(['localhost']);
  });

  it('a refused port is an error', async () => {
    const port = await closedPort();
    const answer = await probe({ host: '127.0.0.1', port, version: 'TLSv1.2', suites: suitesFor('TLSv1.2'), timeoutMs });
    expect(answer).toEqual({ kind: 'error', reason: 'ECONNREFUSED' });
  });

  it('a server that never answers times out as an error', async () => {
    const silent = { port: await pool.tcp(() => undefined) };
    const answer = await probe({ host: '127.0.0.1', port: silent.port, version: 'TLSv1.2', suites: [0xc02f], timeoutMs: 300 });
    expect(answer).toEqual({ kind: 'error', reason: 'timeout after 300 ms waiting for an answer' });
  });

  it('an HTTP server answering garbage is an error naming it', async () => {
    const http = { port: await pool.tcp((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'))) };
    const answer = await probe({ host: '127.0.0.1', port: http.port, version: 'TLSv1.2', suites: [0xc02f], timeoutMs });
    expect(answer.kind).toBe('error');
    expect(answer.kind === 'error' && answer.reason).toContain('not a TLS answer');
  });

  it('a server hanging up on the hello rejects it', async () => {
    const rude = { port: await pool.tcp((s) => s.once('data', () => s.end())) };
    const answer = await probe({ host: '127.0.0.1', port: rude.port, version: 'SSLv3', suites: suitesFor('SSLv3'), timeoutMs });
    expect(answer).toEqual({ kind: 'rejected', reason: 'connection closed without an answer' });
  });
});
