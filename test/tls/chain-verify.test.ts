import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nameMismatch, trustAnchors, verifyChain } from '../../src/providers/tls/chain-verify.js';
import { createSandboxCa, issueCertificate, keyPair, type CertificateSpec } from '../../src/sandbox/tls/certs.js';

// Real certificates from the sandbox's issuer, verified by hand as OpenSSL would verify them in a handshake.
const now = new Date('2026-06-01T00:00:00Z');
const DAY = 86_400_000;
const root = createSandboxCa(now);
const rootX = new X509Certificate(root.pem);
const x = (pem: string) => new X509Certificate(pem);
const rsa = keyPair({ type: 'rsa', bits: 2048 });

function issue(over: Partial<CertificateSpec> = {}): X509Certificate {
  const spec: CertificateSpec = {
    commonName: 'x.test',
    sans: ['x.test', '127.0.0.1'],
    keys: rsa,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 90 * DAY),
    hash: 'sha256',
    issuer: root,
  };
  return x(issueCertificate({ ...spec, ...over }));
}

const intermediateKeys = keyPair({ type: 'ec', curve: 'P-256' }, 'intermediate');
const intermediate = issue({ commonName: 'Acme Issuing CA', keys: intermediateKeys, isCa: true });
const viaIntermediate = issue({ issuer: { commonName: 'Acme Issuing CA', keys: intermediateKeys } });

describe('verifyChain', () => {
  it('verifies a leaf signed by a trusted root, and reports the path up to it', () => {
    const leaf = issue();
    const verdict = verifyChain([leaf], [rootX], now);
    expect(verdict.error).toBeNull();
    expect(verdict.path.map((c) => c.subject)).toEqual([leaf.subject, rootX.subject]);
  });

  it('follows a presented intermediate to the root', () => {
    expect(verifyChain([viaIntermediate, intermediate], [rootX], now)).toMatchObject({ error: null, path: { length: 3 } });
  });

  it.each<[string, () => X509Certificate[], X509Certificate[], string]>([
    ['a self-signed leaf', () => [issue({ issuer: undefined })], [rootX], 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['a leaf whose issuer is not trusted', () => [issue()], trustAnchors(), 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    ['a missing intermediate', () => [viaIntermediate], [rootX], 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
    ['an untrusted self-signed root sent along', () => [issue(), rootX], [], 'SELF_SIGNED_CERT_IN_CHAIN'],
    [
      'a signature by another key under the root’s name',
      () => [issue({ issuer: { commonName: root.commonName, keys: keyPair({ type: 'rsa', bits: 2048 }, 'forger') } })],
      [rootX],
      'CERT_SIGNATURE_FAILURE',
    ],
    [
      'an intermediate that is not a CA',
      () => [
        issue({ issuer: { commonName: 'Not A CA', keys: intermediateKeys } }),
        issue({ commonName: 'Not A CA', keys: intermediateKeys }),
      ],
      [rootX],
      'INVALID_CA',
    ],
    [
      'an expired leaf',
      () => [issue({ notBefore: new Date(now.getTime() - 100 * DAY), notAfter: new Date(now.getTime() - 2 * DAY) })],
      [rootX],
      'CERT_HAS_EXPIRED',
    ],
    ['a leaf valid only from next week', () => [issue({ notBefore: new Date(now.getTime() + 7 * DAY) })], [rootX], 'CERT_NOT_YET_VALID'],
    [
      'an expired self-signed leaf (trust is reported first, as OpenSSL does)',
      () => [issue({ issuer: undefined, notAfter: new Date(now.getTime() - DAY) })],
      [rootX],
      'DEPTH_ZERO_SELF_SIGNED_CERT',
    ],
  ])('refuses %s', (_, chain, anchors, code) => {
    const verdict = verifyChain(chain(), anchors, now);
    expect(verdict.error).toBe(code);
    if (!/^CERT_(NOT_YET_VALID|HAS_EXPIRED)$/.test(code)) expect(verdict.path).toHaveLength(chain().length);
  });

  it('lists the path to the root even when a validity check fails, as node does', () => {
    const expired = issue({ notAfter: new Date(now.getTime() - DAY) });
    expect(verifyChain([expired], [rootX], now).path.map((c) => c.fingerprint256)).toEqual([expired.fingerprint256, rootX.fingerprint256]);
  });

  it('leaves weak signatures and small keys to the certificate rules: trust alone is judged here', () => {
    const weak = issue({ hash: 'sha1', keys: keyPair({ type: 'rsa', bits: 1024 }) });
    expect(verifyChain([weak], [rootX], now).error).toBeNull();
  });

  it('trusts a presented certificate that is itself an anchor', () => {
    expect(verifyChain([rootX], [rootX], now).error).toBeNull();
  });
});

describe('verifyChain holds the path to the extension rules OpenSSL enforces', () => {
  const ca = (commonName: string, slot: string, over: Partial<CertificateSpec> = {}) => {
    const keys = keyPair({ type: 'ec', curve: 'P-256' }, slot);
    return { issuer: { commonName, keys }, cert: issue({ commonName, keys, isCa: true, ...over }) };
  };
  const constrained = ca('Constrained CA', 'nc', { permittedDns: ['acme.test'], excludedDns: ['secret.acme.test'] });
  const shallow = ca('Shallow CA', 'shallow', { pathLen: 0 });
  const below = { issuer: { commonName: 'Below CA', keys: keyPair({ type: 'ec', curve: 'P-256' }, 'below') } };
  const belowCert = issue({ commonName: 'Below CA', keys: below.issuer.keys, isCa: true, issuer: shallow.issuer });

  it.each<[string, () => X509Certificate[], string | null]>([
    [
      'a leaf whose extended key usage is client authentication only',
      () => [issue({ extendedKeyUsage: ['clientAuth'] })],
      'INVALID_PURPOSE',
    ],
    [
      'a leaf inside its CA’s permitted names',
      () => [issue({ sans: ['www.acme.test'], issuer: constrained.issuer }), constrained.cert],
      null,
    ],
    [
      'a leaf outside its CA’s permitted names',
      () => [issue({ sans: ['www.other.test'], issuer: constrained.issuer }), constrained.cert],
      'PERMITTED_VIOLATION',
    ],
    [
      'a leaf in an excluded subtree',
      () => [issue({ sans: ['db.secret.acme.test'], issuer: constrained.issuer }), constrained.cert],
      'EXCLUDED_VIOLATION',
    ],
    ['a leaf one level under a pathLen 0 CA', () => [issue({ issuer: shallow.issuer }), shallow.cert], null],
    ['an intermediate under a pathLen 0 CA', () => [issue({ issuer: below.issuer }), belowCert, shallow.cert], 'PATH_LENGTH_EXCEEDED'],
  ])('%s', (_, chain, code) => {
    expect(verifyChain(chain(), [rootX], now).error).toBe(code);
  });
});

describe('nameMismatch', () => {
  it.each([
    ['x.test', null],
    ['127.0.0.1', null],
    ['y.test', /not in the cert's altnames/],
    ['10.0.0.1', /IP: 10\.0\.0\.1 is not in the cert's list/],
  ])('%s', (name, expected) => {
    const reason = nameMismatch(name, issue());
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});

describe('trustAnchors', () => {
  it('are node’s bundled roots unless a list is given', () => {
    expect(trustAnchors().length).toBeGreaterThan(50);
    expect(trustAnchors([root.pem]).map((c) => c.fingerprint256)).toEqual([rootX.fingerprint256]);
  });

  it('are every certificate of a CA bundle, not only its first', () => {
    const other = createSandboxCa(now, 'Second Root');
    const anchors = trustAnchors([`${other.pem}\n${root.pem}`]);
    expect(anchors.map((c) => c.subject)).toEqual([new X509Certificate(other.pem).subject, rootX.subject]);
    expect(verifyChain([issue()], anchors, now).error).toBeNull();
  });
});
