import { parseHsts } from '../../src/providers/tls/hsts.js';
import type { HstsFact } from '../../src/providers/tls/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import { endpoint, RESOURCE, TARGET } from '../../test/support/tls/facts.js';
import check from './tls.hsts.js';

const R = RESOURCE;
const hsts = (header: string | null): HstsFact => ({ status: 200, header, ...parseHsts(header), clientRefusal: null });
const facts = (header: string | null) => ({ endpoint: endpoint(), hsts: answers(hsts(header)) });
const fails = (messageId: string, observed: Record<string, unknown>) => [{ resource: R, status: 'fail' as const, messageId, observed }];

checkTester(check, { target: TARGET }).run({
  'one year passes': {
    facts: facts('max-age=31536000'),
    results: [{ resource: R, status: 'pass', messageId: 'ok', message: 'HSTS max-age=31536000s', observed: { maxAge: 31536000, includeSubDomains: '' } }],
  },
  'two years with includeSubDomains and preload pass': {
    facts: facts('max-age=63072000; includeSubDomains; preload'),
    results: [{ resource: R, status: 'pass', messageId: 'ok', message: 'max-age=63072000s; includeSubDomains' }],
  },
  'directive names are case-insensitive and the value may be quoted': { facts: facts('MAX-AGE="31536000"'), results: [{ resource: R, status: 'pass', messageId: 'ok' }] },
  'no header fails': { facts: facts(null), results: fails('missing', { status: 200, header: null }) },
  'a day fails as short': { facts: facts('max-age=86400; includeSubDomains'), results: fails('short', { maxAge: 86400, minMaxAge: 31536000 }) },
  'max-age=0 (HSTS switched off) fails as short': { facts: facts('max-age=0'), results: fails('short', { maxAge: 0 }) },
  'no max-age fails as invalid': { facts: facts('includeSubDomains'), results: fails('invalid', { header: 'includeSubDomains', maxAge: null }) },
  'a non-numeric max-age fails as invalid': { facts: facts('max-age=abc'), results: fails('invalid', { header: 'max-age=abc' }) },
  'a shorter minMaxAge from the config is honoured': {
    facts: facts('max-age=86400'),
    settings: { minMaxAge: 86400 },
    results: [{ resource: R, status: 'pass', messageId: 'ok' }],
  },
  'plain TLS endpoints are not applicable, and no HTTP request is read': {
    facts: { endpoint: endpoint({ kind: 'tls' }), hsts: failing({ kind: 'other', message: 'should not be read' }) },
    results: [{ resource: R, status: 'not_applicable', messageId: 'notHttps', observed: { kind: 'tls' } }],
  },
  'a GET / that could not be made is an error': {
    facts: { endpoint: endpoint(), hsts: failing({ kind: 'timeout', message: 'no HTTP answer within 5000 ms' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'could not collect: no HTTP answer' }],
  },
});
