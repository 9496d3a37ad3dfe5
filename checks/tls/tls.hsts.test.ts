import { parseHsts } from '../../src/providers/tls/hsts.js';
import type { HstsFact, ProfileName } from '../../src/providers/tls/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import { endpoint, protocols, RESOURCE, TARGET } from '../../test/support/tls/facts.js';
import check from './tls.hsts.js';

const R = RESOURCE;
const hsts = (header: string | null): HstsFact => ({ status: 200, header, ...parseHsts(header), clientRefusal: null });
const facts = (header: string | null, profile: ProfileName = 'mozilla-intermediate') => ({
  endpoint: endpoint({ profile }),
  hsts: answers(hsts(header)),
});
const fails = (messageId: string, observed: Record<string, unknown>) => [{ resource: R, status: 'fail' as const, messageId, observed }];

checkTester(check, { target: TARGET }).run({
  'two years (the profile’s HSTS age) passes': {
    facts: facts('max-age=63072000'),
    results: [
      {
        resource: R,
        status: 'pass',
        messageId: 'ok',
        message: 'HSTS max-age=63072000s',
        observed: { maxAge: 63072000, minMaxAge: 63072000, includeSubDomains: '' },
      },
    ],
  },
  'two years with includeSubDomains and preload pass under mozilla-modern too': {
    facts: facts('max-age=63072000; includeSubDomains; preload', 'mozilla-modern'),
    results: [{ resource: R, status: 'pass', messageId: 'ok', message: 'max-age=63072000s; includeSubDomains' }],
  },
  'directive names are case-insensitive and the value may be quoted': {
    facts: facts('MAX-AGE="63072000"'),
    results: [{ resource: R, status: 'pass', messageId: 'ok' }],
  },
  'one year fails as shorter than the profile’s two years': {
    facts: facts('max-age=31536000'),
    results: fails('short', { maxAge: 31536000, minMaxAge: 63072000 }),
  },
  'one year passes with minMaxAge 31536000 from the config': {
    facts: facts('max-age=31536000'),
    settings: { minMaxAge: 31_536_000 },
    results: [{ resource: R, status: 'pass', messageId: 'ok', observed: { minMaxAge: 31536000 } }],
  },
  'a repeated max-age fails: browsers ignore the header (RFC 6797 §6.1, §8.1)': {
    facts: facts('max-age=63072000; max-age=63072000'),
    results: fails('repeated', { repeatedDirectives: ['max-age'], header: 'max-age=63072000; max-age=63072000' }),
  },
  'a repeated flag fails too, whatever its case': {
    facts: facts('max-age=63072000; includeSubDomains; INCLUDESUBDOMAINS'),
    results: fails('repeated', { repeatedDirectives: ['includesubdomains'] }),
  },
  'a fact stored before repeated directives were recorded is missing data, not a pass': {
    facts: {
      endpoint: endpoint(),
      hsts: answers({
        status: 200,
        header: 'max-age=63072000',
        maxAge: 63072000,
        includeSubDomains: false,
        preload: false,
        clientRefusal: null,
      }),
    },
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'predates' }],
  },
  'no header fails': { facts: facts(null), results: fails('missing', { status: 200, header: null }) },
  'a day fails as short': {
    facts: facts('max-age=86400; includeSubDomains'),
    results: fails('short', { maxAge: 86400, minMaxAge: 63072000 }),
  },
  'max-age=0 (HSTS switched off) fails as short': { facts: facts('max-age=0'), results: fails('short', { maxAge: 0 }) },
  'no max-age fails as invalid': {
    facts: facts('includeSubDomains'),
    results: fails('invalid', { header: 'includeSubDomains', maxAge: null }),
  },
  'a non-numeric max-age fails as invalid': { facts: facts('max-age=abc'), results: fails('invalid', { header: 'max-age=abc' }) },
  'a shorter minMaxAge from the config is honoured': {
    facts: facts('max-age=86400'),
    settings: { minMaxAge: 86400 },
    results: [{ resource: R, status: 'pass', messageId: 'ok' }],
  },
  'a reachable plain TLS endpoint is not applicable, and no HTTP request is read': {
    facts: {
      endpoint: endpoint({ kind: 'tls' }),
      protocols: answers(protocols(['TLSv1.2'])),
      hsts: failing({ kind: 'other', message: 'should not be read' }),
    },
    results: [{ resource: R, status: 'not_applicable', messageId: 'notHttps', observed: { kind: 'tls' } }],
  },
  'a plain TLS endpoint that cannot be reached is an error, not “not applicable”': {
    facts: {
      endpoint: endpoint({ kind: 'tls' }),
      protocols: failing({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:1' }),
    },
    results: [
      { resource: R, status: 'error', messageId: 'notCollected', message: 'ECONNREFUSED', observed: { reason: { kind: 'unreachable' } } },
    ],
  },
  'a STARTTLS endpoint that answered is not applicable, whether or not it upgrades': {
    facts: {
      endpoint: endpoint({ kind: 'tls', starttls: 'smtp' }),
      starttls: answers({ protocol: 'smtp', offered: false, answer: 'SMTP server does not offer STARTTLS' }),
      hsts: failing({ kind: 'other', message: 'should not be read' }),
    },
    results: [{ resource: R, status: 'not_applicable', messageId: 'notHttp', message: 'speaks smtp (STARTTLS)', observed: { protocol: 'smtp' } }],
  },
  'a STARTTLS endpoint that cannot be reached is an error': {
    facts: {
      endpoint: endpoint({ kind: 'tls', starttls: 'imap' }),
      starttls: failing({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:143' }),
    },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'ECONNREFUSED' }],
  },
  'a GET / that could not be made is an error': {
    facts: { endpoint: endpoint(), hsts: failing({ kind: 'timeout', message: 'no HTTP answer within 5000 ms' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'could not collect: no HTTP answer' }],
  },
});
