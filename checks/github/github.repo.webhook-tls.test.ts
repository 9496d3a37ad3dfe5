import { TARGET, repoSummary, webhook } from '../../test/support/github/facts.js';
import type { Webhook } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.repo.webhook-tls.js';

const facts = (repoHooks: Webhook[], orgHooks: Webhook[] = []) => ({
  repos: answers([repoSummary('api')]),
  repoWebhooks: answers(repoHooks),
  orgWebhooks: answers(orgHooks),
});
const ORG = 'github:acme';
const R = 'github:acme/api';
const none = { resource: ORG, status: 'not_applicable', messageId: 'none', observed: { count: 0 } } as const;

checkTester(check, { target: TARGET }).run({
  'an https hook with TLS verification and a secret passes': {
    facts: facts([webhook()]),
    results: [none, { resource: R, status: 'pass', messageId: 'secure', observed: { count: 1 } }],
  },
  'an http URL fails': {
    facts: facts([webhook({ scheme: 'http', url: 'http://hooks.example.com' })]),
    results: [
      none,
      {
        resource: R,
        status: 'fail',
        messageId: 'insecure',
        observed: { count: 1, problems: ['hook 1: http://hooks.example.com is not https'] },
      },
    ],
  },
  'TLS verification off (insecure_ssl "1") fails': {
    facts: facts([webhook({ insecureSsl: '1' })]),
    results: [
      none,
      {
        resource: R,
        status: 'fail',
        messageId: 'insecure',
        observed: { problems: ['hook 1: TLS verification is off (insecure_ssl "1")'] },
      },
    ],
  },
  'insecure_ssl missing fails closed': {
    facts: facts([webhook({ insecureSsl: null })]),
    results: [
      none,
      {
        resource: R,
        status: 'fail',
        messageId: 'insecure',
        observed: { problems: ['hook 1: TLS verification is off (insecure_ssl null)'] },
      },
    ],
  },
  'a hook without a secret fails': {
    facts: facts([webhook({ hasSecret: false })]),
    results: [none, { resource: R, status: 'fail', messageId: 'insecure', observed: { problems: ['hook 1: no secret'] } }],
  },
  'organisation hooks are judged on the organisation': {
    facts: facts([], [webhook({ id: 7, insecureSsl: '1' })]),
    results: [
      { resource: ORG, status: 'fail', messageId: 'insecure', message: 'hook 7' },
      { resource: R, status: 'not_applicable', messageId: 'none' },
    ],
  },
  'denied organisation hooks are not collected there; repositories are still judged': {
    facts: {
      repos: answers([repoSummary('api')]),
      repoWebhooks: answers([webhook()]),
      orgWebhooks: failing({ permission: 'admin:org_hook scope' }),
    },
    results: [
      { resource: ORG, status: 'error', messageId: 'notCollected', message: 'admin:org_hook' },
      { resource: R, status: 'pass', messageId: 'secure' },
    ],
  },
  'denied repository hooks are not collected, naming the scope': {
    facts: {
      repos: answers([repoSummary('api')]),
      orgWebhooks: answers([]),
      repoWebhooks: failing({ permission: 'read:repo_hook scope' }),
    },
    results: [none, { resource: R, status: 'error', messageId: 'notCollected', message: 'read:repo_hook' }],
  },
});
