import { NO_REPOS_CASE, TARGET, repoSummary } from '../../test/support/github/facts.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.repo.outside-collaborators.js';

const repos = answers([repoSummary('api')]);
const R = 'github:acme/api';

checkTester(check, { target: TARGET }).run({
  'no outside collaborator passes': {
    facts: { repos, outsideCollaborators: answers([]) },
    results: [{ resource: R, status: 'pass', messageId: 'none', observed: { count: 0, admins: [] } }],
  },
  'a reader and a writer pass': {
    facts: {
      repos,
      outsideCollaborators: answers([
        { login: 'c1', permission: 'READ' },
        { login: 'c2', permission: 'WRITE' },
      ]),
    },
    results: [{ resource: R, status: 'pass', messageId: 'none', observed: { count: 2 } }],
  },
  'an admin fails, named': {
    facts: {
      repos,
      outsideCollaborators: answers([
        { login: 'c1', permission: 'READ' },
        { login: 'vendor', permission: 'ADMIN' },
      ]),
    },
    results: [{ resource: R, status: 'fail', messageId: 'admins', observed: { count: 2, admins: ['vendor'] }, message: 'vendor' }],
  },
  'hidden collaborators are not collected, naming the access needed': {
    facts: { repos, outsideCollaborators: failing({ permission: 'push access to the repository' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'push access' }],
  },
  'no repository in scope': NO_REPOS_CASE,
});
