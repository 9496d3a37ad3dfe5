import type {
  CertificateInfo,
  DheGroupFact,
  GroupsFact,
  HandshakeFact,
  ProtocolsFact,
  SuiteInfo,
  SuitesFact,
  TlsEndpointInfo,
} from '../../../src/providers/tls/types.js';

/** Hand-built TLS facts for check tables: a healthy endpoint, overridden per case. */

export const NOW = new Date('2026-06-01T00:00:00Z');

export function cert(over: Partial<CertificateInfo> = {}): CertificateInfo {
  return {
    subject: 'CN=www.acme.test',
    issuer: 'CN=Acme Sandbox CA',
    serialNumber: '01',
    validFrom: '2026-03-01T00:00:00.000Z',
    validTo: '2026-11-01T00:00:00.000Z',
    subjectAltNames: ['DNS:www.acme.test'],
    keyType: 'rsa',
    keyBits: 2048,
    curve: null,
    signatureAlgorithmOid: '1.2.840.113549.1.1.11',
    signatureAlgorithm: 'sha256WithRSAEncryption',
    signatureHash: 'sha256',
    selfIssued: false,
    fingerprint256: 'AA:BB',
    pem: '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n',
    ...over,
  };
}

export const ROOT = cert({
  subject: 'CN=Acme Sandbox CA',
  selfIssued: true,
  validTo: '2036-01-01T00:00:00.000Z',
  validFrom: '2016-01-01T00:00:00.000Z',
  signatureAlgorithm: 'sha1WithRSAEncryption',
  signatureHash: 'sha1',
});

export function handshake(over: Partial<HandshakeFact> = {}): HandshakeFact {
  return {
    completed: true,
    protocol: 'TLSv1.3',
    cipher: { name: 'TLS_AES_128_GCM_SHA256', standardName: 'TLS_AES_128_GCM_SHA256' },
    ephemeralKey: { type: 'ECDH', name: 'X25519', size: 253 },
    authorized: true,
    authorizationError: null,
    trust: 'system+ca',
    expectedName: 'www.acme.test',
    nameMatches: true,
    nameMismatchReason: null,
    chain: [cert(), ROOT],
    clientRefusal: null,
    failure: null,
    ...over,
  };
}

export function endpoint(over: Partial<TlsEndpointInfo> = {}): TlsEndpointInfo {
  return { host: '127.0.0.1', port: 443, servername: 'www.acme.test', kind: 'https', profile: 'mozilla-intermediate', ...over };
}

const ALL = ['SSLv2', 'SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** A protocols fact from the accepted versions; `inconclusive` ones answer `error`. */
export function protocols(accepted: string[], inconclusive: string[] = []): ProtocolsFact {
  const versions: ProtocolsFact['versions'] = {};
  for (const v of ALL) {
    versions[v] = accepted.includes(v)
      ? { kind: 'accepted', version: v, suite: null }
      : inconclusive.includes(v)
        ? { kind: 'error', reason: 'ECONNRESET' }
        : { kind: 'rejected', alert: 'protocol_version', reason: 'alert' };
  }
  return { versions, accepted, rejected: ALL.filter((v) => !accepted.includes(v) && !inconclusive.includes(v)), inconclusive };
}

export function suite(id: number, name: string, over: Partial<SuiteInfo> = {}): SuiteInfo {
  return { id, hex: `0x${id.toString(16).padStart(4, '0')}`, name, kex: 'ECDHE', aead: true, forwardSecrecy: true, weak: [], ...over };
}

export function suites(version: string, accepted: SuiteInfo[], inconclusive: string | null = null): SuitesFact {
  return { version, accepted, handshakes: accepted.length + 1, inconclusive };
}

/** The resource of the endpoint the hand-built facts describe. */
export const RESOURCE = 'tls:www.acme.test@127.0.0.1:443';
export const TARGET = { id: RESOURCE, resource: RESOURCE };

/** A groups fact from the groups the server agreed on; `inconclusive` ones answer `error`, every other `refused`. */
export function groups(accepted: string[], inconclusive: string[] = []): GroupsFact {
  const answers: GroupsFact['answers'] = {};
  for (const g of ['X25519', 'prime256v1', 'secp384r1', 'secp521r1', 'X448', ...accepted]) {
    answers[g] = accepted.includes(g)
      ? { kind: 'accepted' }
      : inconclusive.includes(g)
        ? { kind: 'error', reason: 'ECONNRESET' }
        : { kind: 'refused', reason: 'alert handshake failure' };
  }
  return { answers, accepted, inconclusive };
}

export function dheGroup(bits: number | null): DheGroupFact {
  return { bits, failure: bits === null ? 'alert handshake failure' : null };
}
