import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainHints, withRawChain } from '../../src/providers/tls/raw-certificate.js';
import { suiteByName, type ChainAnswer } from '../../src/providers/tls/wire/index.js';
import { createSandboxCa, issueCertificate, keyPair } from '../../src/sandbox/tls/certs.js';
import { handshake, protocols, suite, suites } from '../support/tls/facts.js';

const now = new Date();
const ca = createSandboxCa(now);
const leafPem = issueCertificate({
  commonName: 'www.acme.test',
  sans: ['www.acme.test'],
  keys: keyPair({ type: 'rsa', bits: 2048 }),
  notBefore: new Date(now.getTime() - 86_400_000),
  notAfter: new Date(now.getTime() + 60 * 86_400_000),
  hash: 'sha1',
  issuer: ca,
});
const RC4 = suiteByName('TLS_RSA_WITH_RC4_128_SHA')!.id;
const chain = (...pems: string[]): ChainAnswer => ({
  kind: 'chain',
  version: 'SSLv3',
  suite: RC4,
  chainDer: pems.map((p) => new X509Certificate(p).raw.toString('base64')),
});
// What node:tls left: no handshake, no chain.
const refused = handshake({
  completed: false,
  protocol: null,
  cipher: null,
  ephemeralKey: null,
  authorized: false,
  chain: [],
  failure: { code: 'ERR_SSL_X', message: 'sslv3 alert handshake failure' },
  source: null,
  rawProbe: null,
});

describe('withRawChain', () => {
  it('verifies and describes the chain the raw probe read, and says how it was read', () => {
    const h = withRawChain(refused, chain(leafPem), [ca.pem], now);
    expect(h).toMatchObject({
      completed: false,
      authorized: true,
      authorizationError: null,
      nameMatches: true,
      source: 'raw-probe',
      rawProbe: { version: 'SSLv3', suite: 'TLS_RSA_WITH_RC4_128_SHA', failure: null },
      failure: { message: 'sslv3 alert handshake failure' },
    });
    // the verified path, leaf to the trusted root, described as a node handshake describes it
    expect(h.chain.map((c) => [c.subject, c.signatureHash])).toEqual([
      ['CN=www.acme.test, O=Acme Sandbox', 'sha1'],
      ['CN=Acme Sandbox Root CA, O=Acme Sandbox', 'sha256'],
    ]);
    expect(JSON.parse(JSON.stringify(h))).toEqual(h); // plain JSON, so a replay judges the same
  });

  it('judges trust against the system roots when no CA is configured, and the name against the expected one', () => {
    const h = withRawChain({ ...refused, expectedName: 'pos.acme.test' }, chain(leafPem), undefined, now);
    expect(h).toMatchObject({
      authorized: false,
      authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      nameMatches: false,
      source: 'raw-probe',
    });
    expect(h.nameMismatchReason).toMatch(/pos\.acme\.test/);
    expect(h.chain).toHaveLength(1);
  });

  it('keeps the fact chain-less, with the reason, when the raw probe read nothing', () => {
    const h = withRawChain(refused, { kind: 'error', reason: 'alert handshake_failure', refused: true }, [ca.pem], now);
    expect(h).toMatchObject({ chain: [], source: null, rawProbe: { version: null, suite: null, failure: 'alert handshake_failure' } });
  });

  it('keeps the fact chain-less when the bytes are not a certificate', () => {
    const h = withRawChain(
      refused,
      { kind: 'chain', version: 'TLSv1.0', suite: 0x7777, chainDer: [Buffer.from('nonsense').toString('base64')] },
      [ca.pem],
      now,
    );
    expect(h).toMatchObject({
      chain: [],
      source: null,
      rawProbe: { version: 'TLSv1.0', suite: '0x7777', failure: expect.stringMatching(/^unreadable certificate/) },
    });
  });
});

describe('chainHints', () => {
  const answers =
    <T>(v: T) =>
    async () =>
      v;
  const legacy = suites('TLSv1.0', [suite(RC4, 'TLS_RSA_WITH_RC4_128_SHA'), suite(0x0a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA')]);

  it('offers the highest plaintext version the probes found, with the suites found in it', async () => {
    expect(await chainHints(answers(protocols(['SSLv3', 'TLSv1.0'])), answers(legacy))).toEqual({
      version: 'TLSv1.0',
      suites: [RC4, 0x0a],
    });
  });

  it('offers every suite of the version when the suite list is incomplete', async () => {
    const partial = suites('TLSv1.0', [suite(RC4, 'x')], 'ECONNRESET');
    expect(await chainHints(answers(protocols(['TLSv1.0'])), answers(partial))).toEqual({ version: 'TLSv1.0' });
  });

  it('names TLS 1.3 when that is all there is, so that the probe says why it cannot read the chain', async () => {
    expect(await chainHints(answers(protocols(['TLSv1.3'])), answers(suites('TLSv1.3', [])))).toEqual({ version: 'TLSv1.3' });
  });

  it('offers everything when the probes found nothing or failed', async () => {
    expect(await chainHints(answers(protocols([])), answers(legacy))).toEqual({});
    expect(await chainHints(() => Promise.reject(new Error('unreachable')), answers(legacy))).toEqual({});
  });
});
