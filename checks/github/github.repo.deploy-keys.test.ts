import { NO_REPOS_CASE, TARGET, repoSummary } from '../../test/support/github/facts.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.repo.deploy-keys.js';

const repos = answers([repoSummary('api')]);
const R = 'github:acme/api';

checkTester(check, { target: TARGET }).run({
  'read-only keys pass': {
    facts: {
      repos,
      deployKeys: answers([
        { title: 'ci', readOnly: true },
        { title: 'mirror', readOnly: true },
      ]),
    },
    results: [{ resource: R, status: 'pass', messageId: 'readOnly', observed: { count: 2, writable: [] } }],
  },
  'a write key fails, named': {
    facts: {
      repos,
      deployKeys: answers([
        { title: 'ci', readOnly: true },
        { title: 'deploy', readOnly: false },
      ]),
    },
    results: [{ resource: R, status: 'fail', messageId: 'writable', observed: { count: 2, writable: ['deploy'] } }],
  },
  'no keys is not applicable': {
    facts: { repos, deployKeys: answers([]) },
    results: [{ resource: R, status: 'not_applicable', messageId: 'none', observed: { count: 0 } }],
  },
  'hidden keys are not collected, naming admin': {
    facts: { repos, deployKeys: failing({ permission: 'admin on the repository' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'admin on the repository' }],
  },
  'no repository in scope': NO_REPOS_CASE,
});
