import { TARGET, repoSummary } from '../../test/support/github/facts.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.repo.dependabot-alerts.js';

const repos = answers([repoSummary('api')]);
const R = 'github:acme/api';

checkTester(check, { target: TARGET }).run({
  'alerts enabled pass': {
    facts: { repos, vulnerabilityAlerts: answers(true) },
    results: [{ resource: R, status: 'pass', messageId: 'enabled', observed: { enabled: true } }],
  },
  'alerts disabled fail': {
    facts: { repos, vulnerabilityAlerts: answers(false) },
    results: [{ resource: R, status: 'fail', messageId: 'disabled', observed: { enabled: false } }],
  },
  'a hidden state is not collected, naming admin': {
    facts: { repos, vulnerabilityAlerts: failing({ permission: 'admin on the repository' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'admin on the repository' }],
  },
  'an organisation with no repository in scope is one not-applicable result': {
    facts: { repos: answers([]) },
    results: [
      {
        resource: 'github:acme',
        status: 'not_applicable',
        messageId: 'noRepos',
        observed: { org: 'acme' },
        message: 'No repository of acme is in scope',
      },
    ],
  },
  'an unreadable repository list is not collected': {
    facts: { repos: failing({ permission: 'read:org' }) },
    results: [{ resource: 'github:acme', status: 'error', messageId: 'notCollected' }],
  },
});
