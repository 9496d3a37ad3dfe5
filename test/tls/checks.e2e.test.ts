import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../../src/core/provider.js';
import type { Result, FactRecord } from '../../src/core/types.js';
import type { TlsTargetOptions } from '../../src/providers/tls/types.js';
import { scanSandbox, startE2eSandbox, tlsChecks } from './harness.js';

// Real handshakes: node:tls and raw ClientHellos against listeners on 127.0.0.1 (test/tls/e2e.yaml).
let sandbox: SandboxHandle<TlsTargetOptions>;
let verdict: (name: string, checkId: string) => Result;
let facts: FactRecord[];
let results: Result[];

beforeAll(async () => {
  sandbox = await startE2eSandbox();
  ({ verdict, facts, results } = await scanSandbox(sandbox, await tlsChecks()));
}, 120_000);
afterAll(() => sandbox?.stop());

const status = (name: string, checkId: string) => verdict(name, checkId).status;

describe('a well-configured endpoint', () => {
  it.each(['tls.protocol-versions', 'tls.cipher-suites', 'tls.certificate', 'tls.hsts'])('passes %s', (id) => {
    expect(verdict('good', id)).toMatchObject({ status: 'pass' });
  });

  it('records the negotiated parameters and forward secrecy', () => {
    expect(verdict('good', 'tls.protocol-versions').observed?.accepted).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(verdict('good', 'tls.cipher-suites').observed?.forwardSecrecy).toBe('all');
    expect(verdict('good', 'tls.certificate').observed).toMatchObject({
      name: 'good.e2e.test',
      key: 'rsa 2048',
      signatureAlgorithm: 'sha256WithRSAEncryption',
    });
  });
});

describe('tls.protocol-versions', () => {
  it('fails when TLS 1.0 and 1.1 are accepted', () => {
    const r = verdict('tls10-11', 'tls.protocol-versions');
    expect(r.status).toBe('fail');
    expect(r.observed?.disallowed).toEqual(['TLSv1.0', 'TLSv1.1']);
  });

  it('passes a TLS 1.3-only endpoint under mozilla-modern', () => {
    expect(verdict('tls13-ec', 'tls.protocol-versions').observed?.accepted).toEqual(['TLSv1.3']);
    expect(status('tls13-ec', 'tls.protocol-versions')).toBe('pass');
  });

  it('fails SSLv3 that only the raw listener serves', () => {
    const r = verdict('legacy-raw', 'tls.protocol-versions');
    expect(r.status).toBe('fail');
    expect(r.observed?.disallowed).toEqual(['SSLv3', 'TLSv1.0']);
  });
});

describe('revocation (OCSP) in tls.certificate', () => {
  it('passes a leaf the responder it names says is good', () => {
    expect(verdict('ocsp-good', 'tls.certificate')).toMatchObject({
      status: 'pass',
      observed: { revocation: { status: 'good', source: 'responder', responder: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/) } },
    });
  });

  it('fails a leaf the responder says is revoked', () => {
    const r = verdict('ocsp-revoked', 'tls.certificate');
    expect(r).toMatchObject({
      status: 'fail',
      messageId: 'problems',
      observed: { revocation: { status: 'revoked', source: 'responder' } },
    });
    expect(r.message).toMatch(/revoked by its CA on \d{4}-/);
  });

  it('fails a leaf whose server staples a revoked answer, read from the handshake', () => {
    expect(verdict('ocsp-revoked-stapled', 'tls.certificate')).toMatchObject({
      status: 'fail',
      observed: { revocation: { status: 'revoked', source: 'stapled' } },
    });
  });

  it('does not pass a leaf whose responder cannot be reached: error, with the reason', () => {
    const r = verdict('ocsp-unreachable', 'tls.certificate');
    expect(r).toMatchObject({
      status: 'error',
      messageId: 'missingData',
      observed: { revocation: { failure: expect.stringMatching(/unreachable: ECONNREFUSED/) } },
    });
  });

  it('does not ask anything about a leaf that names no responder', () => {
    expect(verdict('good', 'tls.certificate').observed?.revocation).toMatchObject({
      status: null,
      notAsked: 'the certificate names no OCSP responder',
    });
  });
});

describe('SSLv2, probed with an SSLv2 CLIENT-HELLO', () => {
  it('fails an SSLv2-only server on its SERVER-HELLO, with the cipher kinds it listed', () => {
    const r = verdict('sslv2-only', 'tls.protocol-versions');
    expect(r).toMatchObject({ status: 'fail', messageId: 'disallowed', observed: { accepted: ['SSLv2'], disallowed: ['SSLv2'] } });
    expect((r.observed?.answers as Record<string, unknown>).SSLv2).toEqual({
      kind: 'accepted',
      version: 'SSLv2',
      suite: null,
      ciphers: ['SSL_CK_RC4_128_WITH_MD5', 'SSL_CK_DES_192_EDE3_CBC_WITH_MD5'],
    });
    expect(verdict('sslv2-only', 'tls.cipher-suites')).toMatchObject({ status: 'fail', message: /SSLv2 SSL_CK_RC4_128_WITH_MD5/ });
  });

  it('says SSLv2 is off, not unknown, on servers that speak only SSLv3 and later', () => {
    for (const name of ['good', 'legacy-raw', 'tls10-11']) {
      const answers = verdict(name, 'tls.protocol-versions').observed?.answers as Record<string, { kind: string }>;
      expect(answers.SSLv2?.kind).toBe('rejected');
    }
  });
});

describe('tls.cipher-suites', () => {
  it('fails a static-RSA CBC suite served by node:tls', () => {
    const r = verdict('weak-suite', 'tls.cipher-suites');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/TLS_RSA_WITH_AES_128_CBC_SHA \(static-rsa/);
    expect(r.observed?.forwardSecrecy).toBe('partial');
  });

  it('fails RC4 and 3DES that OpenSSL 3 cannot offer, found by raw ClientHellos', () => {
    const r = verdict('legacy-raw', 'tls.cipher-suites');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(/TLS_RSA_WITH_RC4_128_SHA \(rc4/);
    expect(r.message).toMatch(/TLS_RSA_WITH_3DES_EDE_CBC_SHA \(3des/);
  });

  it('fails a 1024-bit DHE group behind a suite the profile allows, measured by a DHE-only handshake', () => {
    expect(verdict('dhe-1024', 'tls.cipher-suites')).toMatchObject({
      status: 'fail',
      messageId: 'weakKeyExchange',
      observed: { dheBits: 1024, keyExchange: ['DHE group of 1024 bits (minimum 2048)'] },
    });
  });

  it('passes a 2048-bit DHE group', () => {
    expect(verdict('dhe-2048', 'tls.cipher-suites')).toMatchObject({ status: 'pass', messageId: 'ok', observed: { dheBits: 2048 } });
  });

  it('fails an ECDHE curve outside the profile, each group offered alone', () => {
    const r = verdict('curve-k256', 'tls.cipher-suites');
    expect(r).toMatchObject({ status: 'fail', messageId: 'weakKeyExchange', observed: { groups: ['prime256v1', 'secp256k1'] } });
    expect(r.message).toMatch(/ECDHE group secp256k1 \(not in mozilla-intermediate\)/);
  });

  it('records the groups a well-kept endpoint agrees on', () => {
    expect(verdict('good', 'tls.cipher-suites').observed?.groups).toEqual(expect.arrayContaining(['X25519', 'prime256v1', 'secp384r1']));
  });

  it('fails CBC suites under TLS 1.0 as outside the profile', () => {
    expect(verdict('tls10-11', 'tls.cipher-suites').message).toMatch(
      /TLSv1\.0 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA \(not in mozilla-intermediate/,
    );
  });
});

describe('tls.certificate', () => {
  it.each([
    ['expired', /expired on/],
    ['not-yet-valid', /not valid before/],
    ['wrong-name', /does not name right\.e2e\.test/],
    ['self-signed', /chain does not verify \(DEPTH_ZERO_SELF_SIGNED_CERT\)/],
    ['rsa1024', /RSA key of 1024 bits/],
    ['sha1', /SHA1 signature on CN=sha1\.e2e\.test/],
    ['client-eku', /chain does not verify \(INVALID_PURPOSE\)/],
    ['path-too-long', /chain does not verify \(PATH_LENGTH_EXCEEDED\)/],
    ['name-constrained', /chain does not verify/],
  ])('fails %s', (name, why) => {
    const r = verdict(name, 'tls.certificate');
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(why);
  });

  it('passes an EC P-256 certificate', () => {
    const r = verdict('tls13-ec', 'tls.certificate');
    expect(r.status).toBe('pass');
    expect(r.observed?.key).toBe('ec 256 prime256v1');
  });

  it('judges the chain a legacy-only server presents in the clear, read by the raw probe where node cannot handshake', () => {
    const r = verdict('legacy-raw', 'tls.certificate');
    expect(r.status).toBe('pass');
    expect(r.observed).toMatchObject({
      name: 'legacy.e2e.test',
      key: 'rsa 2048',
      source: 'raw-probe',
      rawProbe: { version: 'TLSv1.0', suite: 'TLS_RSA_WITH_RC4_128_SHA' },
    });
  });

  it('fails an expired, self-signed RSA-1024 SHA-1 certificate behind EXPORT and anonymous suites', () => {
    const r = verdict('legacy-raw-bad', 'tls.certificate');
    expect(r.status).toBe('fail');
    for (const why of [/DEPTH_ZERO_SELF_SIGNED_CERT/, /expired on/, /RSA key of 1024 bits/, /SHA1 signature/, /lifetime of 770 days/])
      expect(r.message).toMatch(why);
    // the anonymous suite the server prefers carries no certificate: the probe offered only suites that do
    expect(r.observed?.rawProbe).toEqual({ version: 'TLSv1.0', suite: 'TLS_RSA_EXPORT_WITH_RC4_40_MD5' });
  });

  it('reads a TLS 1.0-only server after the default client refused, and says so', () => {
    const r = verdict('tls10-11', 'tls.certificate');
    expect(r.status).toBe('pass');
    expect(r.observed?.clientRefusal).toMatchObject({ code: expect.stringMatching(/^ERR_SSL_/) });
  });
});

describe('tls.hsts', () => {
  it('fails a missing header', () => {
    expect(verdict('no-hsts', 'tls.hsts')).toMatchObject({ status: 'fail', messageId: 'missing' });
  });
  it('fails a short max-age', () => {
    expect(verdict('short-hsts', 'tls.hsts')).toMatchObject({ status: 'fail', messageId: 'short', observed: { maxAge: 600 } });
  });
  it('fails a header that repeats a directive (RFC 6797 §6.1)', () => {
    expect(verdict('repeated-hsts', 'tls.hsts')).toMatchObject({
      status: 'fail',
      messageId: 'repeated',
      observed: { repeatedDirectives: ['max-age'] },
    });
  });
  it('does not apply to plain TLS endpoints', () => {
    expect(status('plain-tls', 'tls.hsts')).toBe('not_applicable');
  });
});

describe('an unreachable endpoint', () => {
  it.each(['tls.protocol-versions', 'tls.cipher-suites', 'tls.certificate', 'tls.hsts'])('is an error for %s, never a pass', (id) => {
    const r = verdict('gone', id);
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/could not collect/);
  });

  it('records the failure as an unreachable fact', () => {
    const handshake = facts.find((f) => f.key === 'tls.handshake' && f.target.endsWith(`:${sandbox.endpoints.gone?.split(':')[1]}`));
    expect(handshake).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
  });
});

describe('replay', () => {
  it('reaches the same verdicts from the stored facts alone', async () => {
    const replayed = await scanSandbox(sandbox, await tlsChecks(), JSON.parse(JSON.stringify(facts)));
    const key = (r: Result) => `${r.checkId} ${r.resource} ${r.status}`;
    expect(replayed.results.map(key).sort()).toEqual(results.map(key).sort());
    // Nothing was fetched again: every fact read is the stored record, call log included.
    expect(replayed.facts).toEqual(facts);
  });
});
