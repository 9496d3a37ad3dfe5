import { describeSuite } from '../../src/providers/tls/probes.js';
import { sslv2Suites } from '../../src/providers/tls/sslv2-facts.js';
import type { DheGroupFact, GroupsFact, ProfileName, ProtocolsFact, SuitesFact } from '../../src/providers/tls/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import { dheGroup, endpoint, groups, protocols, RESOURCE, suites, TARGET } from '../../test/support/tls/facts.js';
import check from './tls.cipher-suites.js';

// Real catalogue entries, so that weakness flags and names are the wire layer's own.
const TLS13 = [0x1301, 0x1302, 0x1303].map(describeSuite);
const ECDHE_GCM = [0xc02f, 0xc030].map(describeSuite);
const ECDHE_CBC = describeSuite(0xc013);
const RSA_3DES = describeSuite(0x000a);
const RSA_RC4 = describeSuite(0x0005);
const RSA_GCM = describeSuite(0x009c);
const NULL_SHA = describeSuite(0x0002);
const ANON = describeSuite(0x0034);
const DHE_GCM = describeSuite(0x009e);
const EXPORT_RC4 = describeSuite(0x0003);

const R = RESOURCE;
const facts = (
  p: ProtocolsFact,
  byVersion: Record<string, SuitesFact>,
  profile: ProfileName = 'mozilla-intermediate',
  kex: { groups?: GroupsFact; dhe?: DheGroupFact } = {},
) => ({
  endpoint: endpoint({ profile }),
  protocols: answers(p),
  suites: async (v: string) => byVersion[v] ?? suites(v, []),
  groups: answers(kex.groups ?? groups(['X25519', 'prime256v1'])),
  dheGroup: kex.dhe ? answers(kex.dhe) : failing({ kind: 'other', message: 'no DHE suite: not read' }),
});
const withDhe = (dhe: DheGroupFact, g = groups(['X25519'])) =>
  facts(protocols(['TLSv1.2']), { 'TLSv1.2': suites('TLSv1.2', [...ECDHE_GCM, DHE_GCM]) }, 'mozilla-intermediate', { dhe, groups: g });
const ecdhe = (g: GroupsFact) =>
  facts(
    protocols(['TLSv1.2', 'TLSv1.3']),
    { 'TLSv1.2': suites('TLSv1.2', ECDHE_GCM), 'TLSv1.3': suites('TLSv1.3', TLS13) },
    'mozilla-intermediate',
    { groups: g },
  );
const tls12 = (...accepted: SuitesFact['accepted']) => facts(protocols(['TLSv1.2']), { 'TLSv1.2': suites('TLSv1.2', accepted) });
const weak = (message: string) => [{ resource: R, status: 'fail' as const, messageId: 'weak', message }];
const incomplete = (message: string) => [
  { resource: R, status: 'error' as const, messageId: 'missingData', message: `suite list incomplete: ${message}` },
];

const withSslv2 = (): ProtocolsFact => {
  const p = protocols(['SSLv2', 'TLSv1.2']);
  p.versions.SSLv2 = {
    kind: 'accepted',
    version: 'SSLv2',
    suite: null,
    ciphers: ['SSL_CK_RC4_128_WITH_MD5', 'SSL_CK_DES_64_CBC_WITH_MD5'],
  };
  return p;
};

checkTester(check, { target: TARGET }).run({
  'the SSLv2 cipher kinds an SSLv2 SERVER-HELLO listed fail, each named': {
    facts: facts(withSslv2(), { SSLv2: sslv2Suites(withSslv2()), 'TLSv1.2': suites('TLSv1.2', ECDHE_GCM) }),
    results: weak(
      'SSLv2 SSL_CK_RC4_128_WITH_MD5 (static-rsa, rc4, not in mozilla-intermediate for SSLv2), SSLv2 SSL_CK_DES_64_CBC_WITH_MD5 (static-rsa, des, not in mozilla-intermediate for SSLv2)',
    ),
  },
  'the intermediate suites pass, with forward secrecy recorded': {
    facts: facts(protocols(['TLSv1.2', 'TLSv1.3']), { 'TLSv1.2': suites('TLSv1.2', ECDHE_GCM), 'TLSv1.3': suites('TLSv1.3', TLS13) }),
    results: [
      {
        resource: R,
        status: 'pass',
        messageId: 'ok',
        observed: {
          count: 5,
          forwardSecrecy: 'all',
          profile: 'mozilla-intermediate',
          offending: [],
          groups: ['X25519', 'prime256v1'],
          keyExchange: [],
        },
      },
    ],
  },
  'a DHE suite with a 2048-bit group passes, its size recorded': {
    facts: withDhe(dheGroup(2048)),
    results: [{ resource: R, status: 'pass', messageId: 'ok', observed: { dheBits: 2048, count: 3 } }],
  },
  'a DHE suite with a 1024-bit group fails on its key exchange (Logjam-sized)': {
    facts: withDhe(dheGroup(1024)),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'weakKeyExchange',
        message: 'Key exchange outside mozilla-intermediate: DHE group of 1024 bits (minimum 2048)',
        observed: { dheBits: 1024, keyExchange: ['DHE group of 1024 bits (minimum 2048)'] },
      },
    ],
  },
  'a DHE group that could not be read is missing data, not a pass': {
    facts: withDhe(dheGroup(null)),
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'DHE group not read: alert handshake failure' }],
  },
  'an ECDHE curve outside the profile fails': {
    facts: ecdhe(groups(['prime256v1', 'brainpoolP256r1'])),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'weakKeyExchange',
        message: 'ECDHE group brainpoolP256r1 (not in mozilla-intermediate)',
        observed: { groups: ['prime256v1', 'brainpoolP256r1'] },
      },
    ],
  },
  'the stronger standard groups P-521 and X448 (OpenSSL’s defaults) are recorded, not failed': {
    facts: ecdhe(groups(['X25519', 'prime256v1', 'secp384r1', 'secp521r1', 'X448'])),
    results: [
      {
        resource: R,
        status: 'pass',
        messageId: 'ok',
        observed: { groups: ['X25519', 'prime256v1', 'secp384r1', 'secp521r1', 'X448'], keyExchange: [] },
      },
    ],
  },
  'a legacy curve agreed in TLS 1.2 fails too': {
    facts: ecdhe(groups(['X25519', 'secp256k1'])),
    results: [{ resource: R, status: 'fail', messageId: 'weakKeyExchange', message: 'ECDHE group secp256k1' }],
  },
  'ECDHE suites with no group agreed is missing data': {
    facts: ecdhe(groups([])),
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'no named group agreed' }],
  },
  'a group probe that learned nothing is missing data': {
    facts: ecdhe(groups(['X25519'], ['secp384r1'])),
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'group probes inconclusive: secp384r1' }],
  },
  'groups that could not be collected are an error': {
    facts: { ...ecdhe(groups(['X25519'])), groups: failing({ kind: 'unreachable', message: 'connect ECONNREFUSED' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'ECONNREFUSED' }],
  },
  'TLS 1.3 suites pass under mozilla-modern': {
    facts: facts(protocols(['TLSv1.3']), { 'TLSv1.3': suites('TLSv1.3', TLS13) }, 'mozilla-modern'),
    results: [{ resource: R, status: 'pass', messageId: 'ok', observed: { profile: 'mozilla-modern' } }],
  },
  '3DES fails, with every objection': {
    facts: tls12(...ECDHE_GCM, RSA_3DES),
    results: weak('TLSv1.2 TLS_RSA_WITH_3DES_EDE_CBC_SHA (3des, static-rsa, not in mozilla-intermediate for TLSv1.2)'),
  },
  'RC4 fails': { facts: tls12(RSA_RC4), results: weak('(rc4') },
  'static RSA with GCM fails (no forward secrecy)': { facts: tls12(RSA_GCM), results: weak('TLS_RSA_WITH_AES_128_GCM_SHA256 (static-rsa') },
  'NULL encryption fails': { facts: tls12(NULL_SHA), results: weak('null') },
  'anonymous DH fails': { facts: tls12(ANON), results: weak('anon') },
  'EXPORT fails': { facts: tls12(EXPORT_RC4), results: weak('export') },
  'ECDHE with CBC fails as outside the profile': {
    facts: tls12(ECDHE_CBC),
    results: weak('TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (not in mozilla-intermediate for TLSv1.2)'),
  },
  'TLS 1.2 suites fail under mozilla-modern': {
    facts: facts(
      protocols(['TLSv1.2', 'TLSv1.3']),
      { 'TLSv1.2': suites('TLSv1.2', ECDHE_GCM), 'TLSv1.3': suites('TLSv1.3', TLS13) },
      'mozilla-modern',
    ),
    results: weak('not in mozilla-modern for TLSv1.2'),
  },
  'a weak suite fails and partial forward secrecy is recorded': {
    facts: tls12(...ECDHE_GCM, RSA_GCM),
    results: [{ resource: R, status: 'fail', messageId: 'weak', observed: { forwardSecrecy: 'partial' } }],
  },
  'enumeration that stopped early is missing data': {
    facts: facts(protocols(['TLSv1.2']), { 'TLSv1.2': suites('TLSv1.2', ECDHE_GCM, 'timeout after 2 handshakes') }),
    results: incomplete('TLSv1.2: timeout after 2 handshakes'),
  },
  'an inconclusive version probe is missing data': {
    facts: facts(protocols(['TLSv1.3'], ['TLSv1.0']), { 'TLSv1.3': suites('TLSv1.3', TLS13) }),
    results: incomplete('TLSv1.0: version probe inconclusive'),
  },
  'no suite found in any version is missing data': {
    facts: facts(protocols(['TLSv1.2']), {}),
    results: incomplete('no suite accepted in any version'),
  },
  'suites that could not be collected are an error': {
    facts: {
      endpoint: endpoint(),
      protocols: answers(protocols(['TLSv1.2'])),
      suites: failing({ kind: 'timeout', message: 'no answer within 5000 ms' }),
    },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'no answer within 5000 ms' }],
  },
});
