import { connect as tlsConnect } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { acceptedVersions, enumerateSuites, probe, suiteByName, suitesFor } from '../../providers/tls/wire/index.js';
import type { TlsVersion } from '../../providers/tls/wire/index.js';
import type { ClientHello } from '../../providers/tls/wire/parse-client-hello.js';
import { startNodeTls } from '../../../test/support/tls/test-servers.js';
import { answerClientHello, startRawTlsListener, type RawListener } from './raw-listener.js';

const id = (name: string): number => suiteByName(name)!.id;
const RC4_MD5 = id('TLS_RSA_WITH_RC4_128_MD5');
const RC4_SHA = id('TLS_RSA_WITH_RC4_128_SHA');
const TRIPLE_DES = id('TLS_RSA_WITH_3DES_EDE_CBC_SHA');
const EXPORT_RC4 = id('TLS_RSA_EXPORT_WITH_RC4_40_MD5');
const EXPORT_DES = id('TLS_RSA_EXPORT_WITH_DES40_CBC_SHA');

const listeners: RawListener[] = [];
async function listener(versions: TlsVersion[], suites: number[]): Promise<number> {
  const l = await startRawTlsListener({ versions, suites });
  listeners.push(l);
  return l.port;
}
afterAll(async () => Promise.all(listeners.map((l) => l.stop())));
const base = { host: '127.0.0.1', timeoutMs: 5000 };

describe('raw legacy listener seen through the prober', () => {
  it('serves SSLv3 with RC4, and nothing else', async () => {
    const port = await listener(['SSLv3'], [RC4_MD5]);
    const versions = await acceptedVersions({ ...base, port });
    expect(versions.SSLv3).toEqual({ kind: 'accepted', version: 'SSLv3', suite: RC4_MD5 });
    for (const v of ['TLSv1.0', 'TLSv1.1', 'TLSv1.2'] as const) {
      expect(versions[v]).toEqual({ kind: 'rejected', reason: 'server negotiated SSLv3 instead', negotiated: 'SSLv3' });
    }
    expect(versions['TLSv1.3'].kind).toBe('rejected');
  });

  it('serves 3DES, RC4 and EXPORT suites in TLS 1.0 in its own order', async () => {
    const order = [EXPORT_DES, TRIPLE_DES, RC4_SHA, EXPORT_RC4];
    const port = await listener(['TLSv1.0'], order);
    const result = await enumerateSuites({ ...base, port, version: 'TLSv1.0' });
    expect(result.accepted).toEqual(order);
    expect(result.handshakes).toBe(order.length + Math.ceil((suitesFor('TLSv1.0').length - order.length) / 127));
  });

  it('picks the highest version both sides speak', async () => {
    const port = await listener(['SSLv3', 'TLSv1.0', 'TLSv1.2'], [TRIPLE_DES]);
    const versions = await acceptedVersions({ ...base, port });
    const accepted = (Object.keys(versions) as TlsVersion[]).filter((v) => versions[v].kind === 'accepted');
    expect(accepted).toEqual(['SSLv3', 'TLSv1.0', 'TLSv1.2']);
    expect(versions['TLSv1.1']).toEqual({ kind: 'rejected', reason: 'server negotiated TLSv1.0 instead', negotiated: 'TLSv1.0' });
  });

  it('refuses a version it does not serve with protocol_version', async () => {
    const port = await listener(['TLSv1.2'], [TRIPLE_DES]);
    const answer = await probe({ ...base, port, version: 'SSLv3', suites: [TRIPLE_DES] });
    expect(answer).toEqual({
      kind: 'rejected',
      alert: { level: 2, description: 70, name: 'protocol_version' },
      reason: 'alert protocol_version',
    });
  });

  it('refuses a hello without any of its suites with handshake_failure', async () => {
    const port = await listener(['TLSv1.0'], [RC4_MD5]);
    const answer = await probe({ ...base, port, version: 'TLSv1.0', suites: [TRIPLE_DES, EXPORT_RC4] });
    expect(answer).toMatchObject({ kind: 'rejected', alert: { name: 'handshake_failure' } });
  });

  it('answers TLS 1.3 hellos too, with supported_versions', async () => {
    const port = await listener(['TLSv1.2', 'TLSv1.3'], [0x1302, 0xc030]);
    expect(await probe({ ...base, port, version: 'TLSv1.3', suites: suitesFor('TLSv1.3') })).toEqual({
      kind: 'accepted',
      version: 'TLSv1.3',
      suite: 0x1302,
    });
    expect(await probe({ ...base, port, version: 'TLSv1.2', suites: suitesFor('TLSv1.2') })).toEqual({
      kind: 'accepted',
      version: 'TLSv1.2',
      suite: 0xc030,
    });
  });
});

describe('raw listener in front of a real TLS server', () => {
  it('answers legacy offers itself and hands every other hello to the real server', async () => {
    const real = await startNodeTls({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' });
    const raw = await startRawTlsListener({ versions: ['SSLv3', 'TLSv1.0'], suites: [RC4_MD5, TRIPLE_DES], fallbackPort: real.port });
    try {
      const versions = await acceptedVersions({ ...base, port: raw.port });
      const accepted = (Object.keys(versions) as TlsVersion[]).filter((v) => versions[v].kind === 'accepted');
      expect(accepted).toEqual(['SSLv3', 'TLSv1.0', 'TLSv1.2', 'TLSv1.3']);
      expect(versions.SSLv3).toMatchObject({ suite: RC4_MD5 });
      expect(versions['TLSv1.1']).toMatchObject({ kind: 'rejected', alert: { name: 'protocol_version' } });
      // a full handshake through the listener reaches the real server
      const socket = tlsConnect({ host: '127.0.0.1', port: raw.port, rejectUnauthorized: false });
      const protocol = await new Promise<string | null>((resolve, reject) => {
        socket.once('secureConnect', () => resolve(socket.getProtocol()));
        socket.once('error', reject);
      });
      socket.destroy();
      expect(protocol).toBe('TLSv1.3');
    } finally {
      await raw.stop();
      await real.stop();
    }
  });
});

describe('answerClientHello', () => {
  const hello = (supportedVersions?: number[]): ClientHello => ({
    legacyVersion: 0x0303,
    sessionId: Buffer.alloc(0),
    suites: [TRIPLE_DES, 0x1301],
    extensions: new Map(),
    supportedVersions,
  });

  it('ignores GREASE values in supported_versions', () => {
    const answer = answerClientHello(hello([0x1a1a, 0x0304, 0x0303]), { versions: ['TLSv1.2'], suites: [TRIPLE_DES], fallbackPort: 1 });
    expect(answer.refused).toBe(true); // the client's best is TLS 1.3, which the fallback serves
    const direct = answerClientHello(hello([0x1a1a, 0x0303]), { versions: ['TLSv1.2'], suites: [TRIPLE_DES], fallbackPort: 1 });
    expect(direct.refused).toBe(false);
  });
});
