import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import type { ProfileName, ProtocolsFact } from '../../src/providers/tls/types.js';
import { endpoint, protocols } from '../../test/tls/facts.js';
import check from './tls.protocol-versions.js';

const run = (p: ProtocolsFact, profile: ProfileName = 'mozilla-intermediate') =>
  runCheck(check, { endpoint: endpoint({ profile }), protocols: answers(p) });

describe('tls.protocol-versions', () => {
  it.each<[string, ProtocolsFact, ProfileName?]>([
    ['TLS 1.2 and 1.3', protocols(['TLSv1.2', 'TLSv1.3'])],
    ['TLS 1.3 only', protocols(['TLSv1.3'])],
    ['TLS 1.2 only', protocols(['TLSv1.2'])],
    ['TLS 1.3 only under mozilla-modern', protocols(['TLSv1.3']), 'mozilla-modern'],
    ['TLS 1.2 with TLS 1.3 inconclusive (1.3 is allowed either way)', protocols(['TLSv1.2'], ['TLSv1.3'])],
  ])('passes %s', async (_name, p, profile) => {
    const [r] = await run(p, profile);
    expect(r.status).toBe('pass');
  });

  it.each<[string, ProtocolsFact, string, RegExp, ProfileName?]>([
    ['TLS 1.0 accepted', protocols(['TLSv1.0', 'TLSv1.2']), 'disallowed', /Accepts TLSv1\.0 \(accepted: TLSv1\.0, TLSv1\.2\)/],
    ['TLS 1.1 accepted', protocols(['TLSv1.1', 'TLSv1.2', 'TLSv1.3']), 'disallowed', /Accepts TLSv1\.1/],
    ['SSLv3 accepted', protocols(['SSLv3']), 'disallowed', /Accepts SSLv3/],
    ['TLS 1.2 under mozilla-modern', protocols(['TLSv1.2', 'TLSv1.3']), 'disallowed', /Accepts TLSv1\.2/, 'mozilla-modern'],
    ['nothing accepted', protocols([]), 'noneAllowed', /accepted: none/],
  ])('fails %s', async (_name, p, messageId, why, profile) => {
    const [r] = await run(p, profile);
    expect(r.status).toBe('fail');
    expect(r.messageId).toBe(messageId);
    expect(r.message).toMatch(why);
    expect(r.observed?.answers).toBeDefined();
  });

  it('fails on a legacy version even when another probe was inconclusive', async () => {
    expect((await run(protocols(['TLSv1.0', 'TLSv1.2'], ['SSLv3'])))[0].status).toBe('fail');
  });

  it.each<[string, ProtocolsFact]>([
    ['TLS 1.0 could not be probed', protocols(['TLSv1.2'], ['TLSv1.0'])],
    ['no allowed version confirmed and TLS 1.3 inconclusive', protocols([], ['TLSv1.3'])],
  ])('is an error when %s', async (_name, p) => {
    const [r] = await run(p);
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/inconclusive/);
  });

  it('is an error when the endpoint is unreachable', async () => {
    const [r] = await runCheck(check, { endpoint: endpoint(), protocols: failing({ kind: 'unreachable', message: 'connect ECONNREFUSED' }) });
    expect(r.status).toBe('error');
    expect(r.message).toContain('ECONNREFUSED');
  });
});
