import type { ProfileName, ProtocolsFact } from '../../src/providers/tls/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import { endpoint, protocols, RESOURCE, TARGET } from '../../test/support/tls/facts.js';
import check from './tls.protocol-versions.js';

const R = RESOURCE;
const facts = (p: ProtocolsFact, profile: ProfileName = 'mozilla-intermediate') => ({
  endpoint: endpoint({ profile }),
  protocols: answers(p),
});
const ok = (accepted: string[]) => [{ resource: R, status: 'pass' as const, messageId: 'ok', observed: { accepted } }];

checkTester(check, { target: TARGET }).run({
  'TLS 1.2 and 1.3 pass': { facts: facts(protocols(['TLSv1.2', 'TLSv1.3'])), results: ok(['TLSv1.2', 'TLSv1.3']) },
  'TLS 1.3 alone passes': { facts: facts(protocols(['TLSv1.3'])), results: ok(['TLSv1.3']) },
  'TLS 1.2 alone passes': { facts: facts(protocols(['TLSv1.2'])), results: ok(['TLSv1.2']) },
  'TLS 1.3 alone passes under mozilla-modern': { facts: facts(protocols(['TLSv1.3']), 'mozilla-modern'), results: ok(['TLSv1.3']) },
  'TLS 1.2 with TLS 1.3 inconclusive passes (1.3 is allowed either way)': {
    facts: facts(protocols(['TLSv1.2'], ['TLSv1.3'])),
    results: ok(['TLSv1.2']),
  },
  'TLS 1.0 accepted fails, with every probe’s answer': {
    facts: facts(protocols(['TLSv1.0', 'TLSv1.2'])),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'disallowed',
        message: 'Accepts TLSv1.0 (accepted: TLSv1.0, TLSv1.2)',
        observed: { disallowed: ['TLSv1.0'], answers: { 'TLSv1.0': { kind: 'accepted' }, SSLv3: { kind: 'rejected' } } },
      },
    ],
  },
  'TLS 1.1 accepted fails': {
    facts: facts(protocols(['TLSv1.1', 'TLSv1.2', 'TLSv1.3'])),
    results: [{ resource: R, status: 'fail', messageId: 'disallowed', message: 'Accepts TLSv1.1' }],
  },
  'SSLv3 accepted fails': {
    facts: facts(protocols(['SSLv3'])),
    results: [{ resource: R, status: 'fail', messageId: 'disallowed', message: 'Accepts SSLv3' }],
  },
  'TLS 1.2 fails under mozilla-modern': {
    facts: facts(protocols(['TLSv1.2', 'TLSv1.3']), 'mozilla-modern'),
    results: [{ resource: R, status: 'fail', messageId: 'disallowed', message: 'Accepts TLSv1.2' }],
  },
  'a legacy version fails even when another probe was inconclusive': {
    facts: facts(protocols(['TLSv1.0', 'TLSv1.2'], ['SSLv3'])),
    results: [{ resource: R, status: 'fail', messageId: 'disallowed' }],
  },
  'nothing accepted fails': {
    facts: facts(protocols([])),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'noneAllowed',
        message: 'accepted: none',
        observed: { accepted: [], profile: 'mozilla-intermediate' },
      },
    ],
  },
  'a disallowed version that could not be probed is missing data': {
    facts: facts(protocols(['TLSv1.2'], ['TLSv1.0'])),
    results: [
      {
        resource: R,
        status: 'error',
        messageId: 'missingData',
        message: 'could not tell whether a disallowed version is accepted (inconclusive: TLSv1.0)',
      },
    ],
  },
  'no allowed version confirmed and TLS 1.3 inconclusive is missing data': {
    facts: facts(protocols([], ['TLSv1.3'])),
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'no allowed version confirmed (inconclusive: TLSv1.3)' }],
  },
  'a STARTTLS server that upgrades is judged on its probed versions': {
    facts: {
      endpoint: endpoint({ kind: 'tls', starttls: 'smtp' }),
      starttls: answers({ protocol: 'smtp', offered: true, answer: '220 2.0.0 Ready to start TLS' }),
      protocols: answers(protocols(['TLSv1.0', 'TLSv1.2'])),
    },
    results: [{ resource: R, status: 'fail', messageId: 'disallowed', message: 'Accepts TLSv1.0' }],
  },
  'a STARTTLS server that does not offer the upgrade fails as plaintext only, and no version is probed': {
    facts: {
      endpoint: endpoint({ kind: 'tls', starttls: 'smtp' }),
      starttls: answers({ protocol: 'smtp', offered: false, answer: 'SMTP server does not offer STARTTLS (EHLO extensions: PIPELINING SIZE)' }),
      protocols: failing({ kind: 'other', message: 'should not be read' }),
    },
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'plaintextOnly',
        message: 'Plaintext only, no TLS: SMTP server does not offer STARTTLS (EHLO extensions: PIPELINING SIZE)',
        observed: { protocol: 'smtp' },
      },
    ],
  },
  'a STARTTLS server that cannot be reached is an error, not plaintext only': {
    facts: {
      endpoint: endpoint({ kind: 'tls', starttls: 'postgres' }),
      starttls: failing({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:5432' }),
    },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'ECONNREFUSED' }],
  },
  'a STARTTLS negotiation the server broke is an error': {
    facts: {
      endpoint: endpoint({ kind: 'tls', starttls: 'imap' }),
      starttls: failing({ kind: 'malformed', message: 'IMAP server greeted with "HTTP/1.1 400"' }),
    },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'IMAP server greeted' }],
  },
  'an unreachable endpoint is an error': {
    facts: { endpoint: endpoint(), protocols: failing({ kind: 'unreachable', message: 'connect ECONNREFUSED' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'ECONNREFUSED' }],
  },
});
