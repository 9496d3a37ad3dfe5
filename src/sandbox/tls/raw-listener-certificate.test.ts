import { X509Certificate } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { HANDSHAKE } from '../../providers/tls/wire/constants.js';
import { fetchCertificateChain, probe, suiteByName } from '../../providers/tls/wire/index.js';
import type { ClientHello } from '../../providers/tls/wire/parse-client-hello.js';
import { RecordReader } from '../../providers/tls/wire/records.js';
import { testCertificate } from '../../../test/support/tls/test-servers.js';
import { answerClientHello, startRawTlsListener, type RawListener, type RawListenerOptions } from './raw-listener.js';

const id = (name: string): number => suiteByName(name)!.id;
const RC4_SHA = id('TLS_RSA_WITH_RC4_128_SHA');
const ANON = id('TLS_DH_anon_WITH_AES_128_CBC_SHA');
const leaf = new X509Certificate(testCertificate().cert).raw;
const root = Buffer.from('3003020102', 'hex');
const base = { host: '127.0.0.1', timeoutMs: 5000 };

const listeners: RawListener[] = [];
async function listener(o: RawListenerOptions): Promise<number> {
  const l = await startRawTlsListener(o);
  listeners.push(l);
  return l.port;
}
afterAll(async () => Promise.all(listeners.map((l) => l.stop())));

/** The handshake message types of the listener's answer to a hello offering `suites`. */
function flightOf(suites: number[], o: RawListenerOptions): number[] {
  const hello: ClientHello = { legacyVersion: 0x0301, sessionId: Buffer.alloc(0), suites, extensions: new Map() };
  const events = new RecordReader().push(answerClientHello(hello, o).bytes);
  return events.map((e) => (e.type === 'handshake' ? e.msgType : -1));
}

describe('raw listener with a certificate chain', () => {
  it('presents its chain after the ServerHello, as a legacy server does, readable without a key exchange', async () => {
    const port = await listener({ versions: ['SSLv3'], suites: [RC4_SHA], certificateChain: [leaf, root] });
    expect(await fetchCertificateChain({ ...base, port })).toEqual({
      kind: 'chain',
      version: 'SSLv3',
      suite: RC4_SHA,
      chainDer: [leaf.toString('base64'), root.toString('base64')],
    });
    // the protocol probes still read the same ServerHello
    expect(await probe({ ...base, port, version: 'SSLv3', suites: [RC4_SHA] })).toEqual({
      kind: 'accepted',
      version: 'SSLv3',
      suite: RC4_SHA,
    });
  });

  it('spreads a chain longer than one record over several records', async () => {
    const big = [Buffer.alloc(9000, 1), Buffer.alloc(9000, 2), Buffer.alloc(9000, 3)];
    const port = await listener({ versions: ['TLSv1.0'], suites: [RC4_SHA], certificateChain: big });
    expect(await fetchCertificateChain({ ...base, port })).toMatchObject({ chainDer: big.map((b) => b.toString('base64')) });
  });

  it('sends ServerHello, Certificate, ServerHelloDone for a certified suite, and no Certificate for an anonymous one', () => {
    const o: RawListenerOptions = { versions: ['TLSv1.0'], suites: [ANON, RC4_SHA], certificateChain: [leaf] };
    expect(flightOf([RC4_SHA], o)).toEqual([HANDSHAKE.serverHello, HANDSHAKE.certificate, HANDSHAKE.serverHelloDone]);
    expect(flightOf([ANON], o)).toEqual([HANDSHAKE.serverHello, HANDSHAKE.serverHelloDone]);
    expect(flightOf([RC4_SHA], { ...o, certificateChain: undefined })).toEqual([HANDSHAKE.serverHello, HANDSHAKE.serverHelloDone]);
  });

  it('has no chain to give when only anonymous suites are served', async () => {
    const port = await listener({ versions: ['TLSv1.0'], suites: [ANON], certificateChain: [leaf] });
    expect(await fetchCertificateChain({ ...base, port })).toMatchObject({ kind: 'error', refused: true });
  });
});
