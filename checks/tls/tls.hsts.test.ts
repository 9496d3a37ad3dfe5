import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { parseHsts } from '../../src/providers/tls/hsts.js';
import type { HstsFact } from '../../src/providers/tls/types.js';
import { endpoint } from '../../test/tls/facts.js';
import check from './tls.hsts.js';

const hsts = (header: string | null): HstsFact => ({ status: 200, header, ...parseHsts(header), clientRefusal: null });
const run = (fact: HstsFact | null, kind: 'https' | 'tls' = 'https') =>
  runCheck(check, { endpoint: endpoint({ kind }), hsts: fact ? answers(fact) : failing({ kind: 'other', message: 'should not be read' }) });

describe('tls.hsts', () => {
  it.each(['max-age=31536000', 'max-age=63072000; includeSubDomains; preload', 'MAX-AGE="31536000"'])('passes %s', async (header) => {
    const [r] = await run(hsts(header));
    expect(r.status).toBe('pass');
  });

  it.each<[string | null, string]>([
    [null, 'missing'],
    ['max-age=86400; includeSubDomains', 'short'],
    ['max-age=0', 'short'],
    ['includeSubDomains', 'invalid'],
    ['max-age=abc', 'invalid'],
  ])('fails %s (%s)', async (header, messageId) => {
    const [r] = await run(hsts(header));
    expect(r.status).toBe('fail');
    expect(r.messageId).toBe(messageId);
  });

  it('is not applicable to plain TLS endpoints', async () => {
    const [r] = await run(null, 'tls');
    expect(r.status).toBe('not_applicable');
  });

  it('is an error when GET / could not be made', async () => {
    const [r] = await runCheck(check, { endpoint: endpoint(), hsts: failing({ kind: 'timeout', message: 'no HTTP answer within 5000 ms' }) });
    expect(r.status).toBe('error');
    expect(r.message).toContain('could not collect: no HTTP answer');
  });

  it('parses the first max-age and flags', () => {
    expect(parseHsts('max-age=10; max-age=20; includesubdomains; preload')).toEqual({ maxAge: 10, includeSubDomains: true, preload: true });
  });
});
