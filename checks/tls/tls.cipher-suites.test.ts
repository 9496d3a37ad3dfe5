import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import type { ProfileName, ProtocolsFact, SuitesFact } from '../../src/providers/tls/types.js';
import { describeSuite } from '../../src/providers/tls/probes.js';
import { endpoint, protocols, suites } from '../../test/tls/facts.js';
import check from './tls.cipher-suites.js';

// Real catalogue entries, so that weakness flags and profiles are the wire layer's own.
const TLS13 = [0x1301, 0x1302, 0x1303].map(describeSuite);
const ECDHE_GCM = [0xc02f, 0xc030].map(describeSuite);
const ECDHE_CBC = describeSuite(0xc013);
const RSA_3DES = describeSuite(0x000a);
const RSA_RC4 = describeSuite(0x0005);
const RSA_GCM = describeSuite(0x009c);
const NULL_SHA = describeSuite(0x0002);
const ANON = describeSuite(0x0034);
const EXPORT_RC4 = describeSuite(0x0003);

const run = (p: ProtocolsFact, byVersion: Record<string, SuitesFact>, profile: ProfileName = 'mozilla-intermediate') =>
  runCheck(check, {
    endpoint: endpoint({ profile }),
    protocols: answers(p),
    suites: async (v: string) => byVersion[v] ?? suites(v, []),
  });

describe('tls.cipher-suites', () => {
  it('passes the intermediate suites and records forward secrecy', async () => {
    const [r] = await run(protocols(['TLSv1.2', 'TLSv1.3']), { 'TLSv1.2': suites('TLSv1.2', ECDHE_GCM), 'TLSv1.3': suites('TLSv1.3', TLS13) });
    expect(r.status).toBe('pass');
    expect(r.observed).toMatchObject({ count: 5, forwardSecrecy: 'all' });
  });

  it('passes TLS 1.3 suites under mozilla-modern', async () => {
    expect((await run(protocols(['TLSv1.3']), { 'TLSv1.3': suites('TLSv1.3', TLS13) }, 'mozilla-modern'))[0].status).toBe('pass');
  });

  it.each<[string, SuitesFact, RegExp]>([
    ['3DES', suites('TLSv1.2', [...ECDHE_GCM, RSA_3DES]), /TLS_RSA_WITH_3DES_EDE_CBC_SHA \(3des.*static-rsa/],
    ['RC4', suites('TLSv1.2', [RSA_RC4]), /rc4/],
    ['static RSA with GCM', suites('TLSv1.2', [RSA_GCM]), /TLS_RSA_WITH_AES_128_GCM_SHA256 \(static-rsa/],
    ['NULL encryption', suites('TLSv1.2', [NULL_SHA]), /null/],
    ['anonymous DH', suites('TLSv1.2', [ANON]), /anon/],
    ['EXPORT', suites('TLSv1.2', [EXPORT_RC4]), /export/],
    ['ECDHE CBC (not in the profile)', suites('TLSv1.2', [ECDHE_CBC]), /not in mozilla-intermediate for TLSv1\.2/],
  ])('fails %s', async (_name, s, why) => {
    const [r] = await run(protocols(['TLSv1.2']), { 'TLSv1.2': s });
    expect(r.status).toBe('fail');
    expect(r.messageId).toBe('weak');
    expect(r.message).toMatch(why);
  });

  it('fails TLS 1.2 suites under mozilla-modern', async () => {
    const [r] = await run(protocols(['TLSv1.2', 'TLSv1.3']), { 'TLSv1.2': suites('TLSv1.2', ECDHE_GCM), 'TLSv1.3': suites('TLSv1.3', TLS13) }, 'mozilla-modern');
    expect(r.status).toBe('fail');
  });

  it('records partial forward secrecy', async () => {
    const [r] = await run(protocols(['TLSv1.2']), { 'TLSv1.2': suites('TLSv1.2', [...ECDHE_GCM, RSA_GCM]) });
    expect(r.observed?.forwardSecrecy).toBe('partial');
  });

  it.each<[string, ProtocolsFact, Record<string, SuitesFact>]>([
    ['enumeration stopped early', protocols(['TLSv1.2']), { 'TLSv1.2': suites('TLSv1.2', ECDHE_GCM, 'timeout after 2 handshakes') }],
    ['a version probe was inconclusive', protocols(['TLSv1.3'], ['TLSv1.0']), { 'TLSv1.3': suites('TLSv1.3', TLS13) }],
    ['no suite was found', protocols(['TLSv1.2']), {}],
  ])('is an error when %s', async (_name, p, byVersion) => {
    const [r] = await run(p, byVersion);
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/suite list incomplete/);
  });

  it('is an error when suites could not be collected', async () => {
    const [r] = await runCheck(check, { endpoint: endpoint(), protocols: answers(protocols(['TLSv1.2'])), suites: failing({ kind: 'timeout', message: 'no answer within 5000 ms' }) });
    expect(r.status).toBe('error');
    expect(r.message).toContain('no answer within 5000 ms');
  });
});
