import type { CertificateInfo, RevocationFact, TlsEndpointInfo } from '../../src/providers/tls/types.js';
import { checkTester, type CheckCase } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import { cert, endpoint, handshake, NOW, RESOURCE, ROOT, TARGET } from '../../test/support/tls/facts.js';
import check from './tls.certificate.js';

const R = RESOURCE;
/** The facts of an endpoint (the default one unless `at` says) presenting `leaf` under ROOT: all that most cases vary. */
const underRoot = (leaf: Partial<CertificateInfo>, at: Partial<TlsEndpointInfo> = {}) => ({
  endpoint: endpoint(at),
  handshake: answers(handshake({ chain: [cert(leaf), ROOT] })),
});
const fails = (message: string) => [{ resource: R, status: 'fail' as const, messageId: 'problems', message }];
const rawProbe = {
  completed: false,
  failure: { code: null, message: 'sslv3 alert handshake failure' },
  source: 'raw-probe' as const,
  rawProbe: { version: 'SSLv3', suite: 'TLS_RSA_WITH_RC4_128_SHA', failure: null },
};

const revocation = (over: Partial<RevocationFact> = {}): RevocationFact => ({
  responder: 'http://ocsp.acme.test/',
  source: 'responder',
  status: 'good',
  revokedAt: null,
  thisUpdate: '2026-05-31T12:00:00.000Z',
  nextUpdate: '2026-06-07T12:00:00.000Z',
  notAsked: null,
  failure: null,
  ...over,
});
const unasked = revocation({
  responder: null,
  source: null,
  status: null,
  thisUpdate: null,
  nextUpdate: null,
  notAsked: 'the certificate names no OCSP responder',
});
const unconfirmed = (message: string) => [{ resource: R, status: 'error' as const, messageId: 'missingData', message }];

/** Every case reads the revocation fact: unless it says otherwise, a leaf that names no responder. */
const withRevocation = (cases: Record<string, CheckCase<'tls'>>): Record<string, CheckCase<'tls'>> =>
  Object.fromEntries(Object.entries(cases).map(([name, c]) => [name, { ...c, facts: { revocation: answers(unasked), ...c.facts } }]));

checkTester(check, { target: TARGET, now: NOW }).run(
  withRevocation({
    'a leaf its CA revoked fails, with the date and the stapled source': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(handshake()),
        revocation: answers(revocation({ source: 'stapled', status: 'revoked', revokedAt: '2026-05-20T00:00:00.000Z' })),
      },
      results: [
        {
          resource: R,
          status: 'fail',
          messageId: 'problems',
          message: 'revoked by its CA on 2026-05-20T00:00:00.000Z (OCSP, stapled answer)',
          observed: { revocation: { status: 'revoked', source: 'stapled', revokedAt: '2026-05-20T00:00:00.000Z' } },
        },
      ],
    },
    'a revoked leaf with other problems lists the revocation first': {
      facts: {
        ...underRoot({ keyBits: 1024 }),
        revocation: answers(revocation({ status: 'revoked' })),
      },
      results: fails('revoked by its CA (OCSP, http://ocsp.acme.test/), RSA key of 1024 bits'),
    },
    'a good OCSP answer passes, recorded in observed': {
      facts: { endpoint: endpoint(), handshake: answers(handshake()), revocation: answers(revocation()) },
      results: [
        {
          resource: R,
          status: 'pass',
          messageId: 'ok',
          observed: { revocation: { status: 'good', source: 'responder', nextUpdate: '2026-06-07T12:00:00.000Z' } },
        },
      ],
    },
    'status unknown is not good: missing data': {
      facts: { endpoint: endpoint(), handshake: answers(handshake()), revocation: answers(revocation({ status: 'unknown' })) },
      results: unconfirmed('revocation not confirmed: the responder does not know the certificate (OCSP status unknown, responder)'),
    },
    'an unreachable responder is missing data, never a pass': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(handshake()),
        revocation: answers(
          revocation({ status: null, thisUpdate: null, nextUpdate: null, failure: 'responder unreachable: ECONNREFUSED' }),
        ),
      },
      results: unconfirmed('revocation not confirmed: responder unreachable: ECONNREFUSED'),
    },
    'an answer whose signature does not verify is missing data': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(handshake()),
        revocation: answers(revocation({ status: null, failure: 'signature not verified' })),
      },
      results: unconfirmed('revocation not confirmed: signature not verified'),
    },
    'an unusable answer does not hide the certificate’s own problems': {
      facts: {
        ...underRoot({ keyBits: 1024 }),
        revocation: answers(revocation({ status: null, failure: 'responder answered HTTP 500' })),
      },
      results: [
        { resource: R, status: 'fail', messageId: 'problems', observed: { revocation: { failure: 'responder answered HTTP 500' } } },
      ],
    },
    'a leaf that names no responder passes, and observed says it was not asked': {
      facts: { endpoint: endpoint(), handshake: answers(handshake()) },
      results: [
        {
          resource: R,
          status: 'pass',
          messageId: 'ok',
          observed: { revocation: { status: null, notAsked: 'the certificate names no OCSP responder' } },
        },
      ],
    },
    'a revocation fact that could not be collected is an error': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(handshake()),
        revocation: failing({ kind: 'timeout', message: 'ocsp:status did not complete within 30s' }),
      },
      results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'ocsp:status did not complete' }],
    },
    'a CA-signed RSA-2048 SHA-256 leaf passes (a root’s own SHA-1 self-signature proves nothing and is not judged)': {
      facts: { endpoint: endpoint(), handshake: answers(handshake()) },
      results: [
        {
          resource: R,
          status: 'pass',
          messageId: 'ok',
          message: 'www.acme.test',
          observed: {
            name: 'www.acme.test',
            validTo: '2026-11-01T00:00:00.000Z',
            daysLeft: 153,
            key: 'rsa 2048',
            source: 'node-tls',
            problems: [],
          },
        },
      ],
    },
    'an EC P-256 leaf passes': {
      facts: underRoot({ keyType: 'ec', keyBits: 256, curve: 'prime256v1', signatureHash: 'sha256' }),
      results: [{ resource: R, status: 'pass', messageId: 'ok', observed: { key: 'ec 256 prime256v1' } }],
    },
    'an Ed25519 leaf passes': {
      facts: underRoot({ keyType: 'ed25519', keyBits: null, signatureHash: 'intrinsic' }),
      results: [{ resource: R, status: 'pass', messageId: 'ok', observed: { key: 'ed25519' } }],
    },
    'an untrusted (self-signed) chain fails with OpenSSL’s code': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(
          handshake({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', chain: [cert({ selfIssued: true })] }),
        ),
      },
      results: fails('chain does not verify (DEPTH_ZERO_SELF_SIGNED_CERT)'),
    },
    'a leaf that does not name the endpoint fails': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(handshake({ nameMatches: false, nameMismatchReason: "Host: www.acme.test. is not in the cert's altnames" })),
      },
      results: fails('does not name www.acme.test'),
    },
    'an expired leaf fails': {
      facts: underRoot({ validFrom: '2025-01-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' }),
      results: fails('expired on 2026-01-01'),
    },
    'a not-yet-valid leaf fails': {
      facts: underRoot({ validFrom: '2026-07-01T00:00:00Z', validTo: '2027-01-01T00:00:00Z' }),
      results: fails('not valid before 2026-07-01'),
    },
    'a leaf expiring in 10 days fails under the default 30-day margin': {
      facts: underRoot({ validFrom: '2026-03-01T00:00:00Z', validTo: '2026-06-11T00:00:00Z' }),
      results: [
        {
          resource: R,
          status: 'fail',
          messageId: 'expiresSoon',
          message: 'Certificate for www.acme.test expires on 2026-06-11 (10 days left, fewer than 30): renew it',
          observed: { expiresOn: '2026-06-11', daysLeft: 10, minDaysLeft: 30, validTo: '2026-06-11T00:00:00Z' },
        },
      ],
    },
    'a leaf expiring in 10 days under minDaysLeft 14 warns with its date': {
      facts: underRoot({ validFrom: '2026-03-01T00:00:00Z', validTo: '2026-06-11T00:00:00Z' }),
      settings: { minDaysLeft: 14 },
      results: [{ resource: R, status: 'fail', messageId: 'expiresSoon', observed: { expiresOn: '2026-06-11', minDaysLeft: 14 } }],
    },
    'a leaf with 14 days left exactly passes minDaysLeft 14 (fewer than, not at most)': {
      facts: underRoot({ validFrom: '2026-03-01T00:00:00Z', validTo: '2026-06-15T00:00:00Z' }),
      settings: { minDaysLeft: 14 },
      results: [{ resource: R, status: 'pass', messageId: 'ok', observed: { daysLeft: 14 } }],
    },
    'a leaf expiring soon with another problem lists both under problems': {
      facts: underRoot({ keyBits: 1024, validFrom: '2026-03-01T00:00:00Z', validTo: '2026-06-11T00:00:00Z' }),
      results: fails('expires in 10 days, on 2026-06-11 (minimum 30), RSA key of 1024 bits (minimum 2048)'),
    },
    'the same leaf passes with minDaysLeft 5 from the config': {
      facts: underRoot({ validFrom: '2026-03-01T00:00:00Z', validTo: '2026-06-11T00:00:00Z' }),
      settings: { minDaysLeft: 5 },
      results: [{ resource: R, status: 'pass', messageId: 'ok', observed: { daysLeft: 10 } }],
    },
    'an RSA-1024 key fails': {
      facts: underRoot({ keyBits: 1024 }),
      results: fails('RSA key of 1024 bits (minimum 2048)'),
    },
    'an EC P-224 key fails': {
      facts: underRoot({ keyType: 'ec', keyBits: 224, curve: 'secp224r1' }),
      results: fails('EC key on secp224r1 (224 bits, minimum 256)'),
    },
    'an EC key whose size was not read (a brainpool curve) is an error, not 0 bits': {
      facts: underRoot({ keyType: 'ec', keyBits: null, curve: 'brainpoolP256r1' }),
      results: [
        {
          resource: R,
          status: 'error',
          messageId: 'missingData',
          message: 'size of the EC key on brainpoolP256r1 not read (inconclusive)',
        },
      ],
    },
    'a key of unknown size still fails for what is known wrong (an expired leaf)': {
      facts: underRoot({ keyType: 'rsa', keyBits: null, validTo: '2026-01-01T00:00:00Z' }),
      results: [{ resource: R, status: 'fail', messageId: 'problems' }],
    },
    'a DSA key fails': {
      facts: underRoot({ keyType: 'dsa', keyBits: 2048 }),
      results: fails('key type dsa is not RSA or EC'),
    },
    'a SHA-1 signature on the leaf fails': {
      facts: underRoot({ signatureHash: 'sha1', signatureAlgorithm: 'sha1WithRSAEncryption' }),
      results: fails('SHA1 signature on CN=www.acme.test'),
    },
    'an unknown signature algorithm fails': {
      facts: underRoot({ signatureHash: null, signatureAlgorithmOid: '1.2.3.4' }),
      results: fails('unknown signature algorithm 1.2.3.4 on CN=www.acme.test'),
    },
    'a SHA-1 self-signed leaf alone fails on its signature too': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(handshake({ authorized: false, chain: [cert({ selfIssued: true, signatureHash: 'sha1' })] })),
      },
      results: fails('SHA1 signature'),
    },
    'a 5-year lifetime fails': {
      facts: underRoot({ validFrom: '2024-01-01T00:00:00Z', validTo: '2029-01-01T00:00:00Z' }),
      results: fails('lifetime of 1827 days (maximum 366)'),
    },
    'a 398-day lifetime fails the intermediate profile’s 366 days': {
      facts: underRoot({ validFrom: '2026-03-01T00:00:00Z', validTo: '2027-04-03T00:00:00Z' }),
      results: fails('lifetime of 398 days (maximum 366)'),
    },
    'the same lifetime passes with maxLifetimeDays 398 from the config': {
      facts: underRoot({ validFrom: '2026-03-01T00:00:00Z', validTo: '2027-04-03T00:00:00Z' }),
      settings: { maxLifetimeDays: 398 },
      results: [{ resource: R, status: 'pass', messageId: 'ok' }],
    },
    'an EC leaf of 245 days (the default leaf) fails mozilla-modern’s 90 days': {
      facts: underRoot({ keyType: 'ec', keyBits: 256, curve: 'prime256v1' }, { profile: 'mozilla-modern' }),
      results: fails('lifetime of 245 days (maximum 90)'),
    },
    'no certificate at all fails': {
      facts: { endpoint: endpoint(), handshake: answers(handshake({ chain: [] })) },
      results: fails('no certificate presented'),
    },
    'a client refusal is kept in observed': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(handshake({ clientRefusal: { code: 'ERR_SSL_UNSUPPORTED_PROTOCOL', message: 'unsupported protocol' } })),
      },
      results: [{ resource: R, status: 'pass', messageId: 'ok', observed: { clientRefusal: { code: 'ERR_SSL_UNSUPPORTED_PROTOCOL' } } }],
    },
    'a chain the raw probe read when node completed no handshake is judged, and observed says so': {
      facts: { endpoint: endpoint(), handshake: answers(handshake(rawProbe)) },
      results: [
        {
          resource: R,
          status: 'pass',
          messageId: 'ok',
          observed: { source: 'raw-probe', rawProbe: { version: 'SSLv3', suite: 'TLS_RSA_WITH_RC4_128_SHA' } },
        },
      ],
    },
    'a bad chain the raw probe read fails on every rule': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(handshake({ ...rawProbe, chain: [cert({ signatureHash: 'sha1', validTo: '2026-05-01T00:00:00Z' }), ROOT] })),
      },
      results: [
        {
          resource: R,
          status: 'fail',
          messageId: 'problems',
          message: 'expired on 2026-05-01T00:00:00Z, SHA1 signature',
          observed: { source: 'raw-probe' },
        },
      ],
    },
    'no handshake completed and no raw chain is missing data (inconclusive, not a pass)': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(
          handshake({
            completed: false,
            chain: [],
            failure: { code: 'ERR_SSL_NO_PROTOCOLS_AVAILABLE', message: 'no protocols available' },
          }),
        ),
      },
      results: [
        {
          resource: R,
          status: 'error',
          messageId: 'missingData',
          message: 'inconclusive): no protocols available',
          observed: { failureCode: 'ERR_SSL_NO_PROTOCOLS_AVAILABLE', reason: { kind: 'missing' } },
        },
      ],
    },
    'the raw probe’s failure is named beside node’s': {
      facts: {
        endpoint: endpoint(),
        handshake: answers(
          handshake({
            completed: false,
            chain: [],
            failure: { code: null, message: 'unexpected message' },
            source: null,
            rawProbe: { version: null, suite: null, failure: 'ServerHelloDone without a Certificate message' },
          }),
        ),
      },
      results: [
        {
          resource: R,
          status: 'error',
          messageId: 'missingData',
          message: 'unexpected message; raw probe: ServerHelloDone without a Certificate',
        },
      ],
    },
    'an unreachable endpoint is an error': {
      facts: { endpoint: endpoint(), handshake: failing({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:1' }) },
      results: [
        {
          resource: R,
          status: 'error',
          messageId: 'notCollected',
          message: 'could not collect: connect ECONNREFUSED',
          observed: { reason: { kind: 'unreachable' } },
        },
      ],
    },
  }),
);
