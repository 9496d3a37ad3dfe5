import { NO_REPOS_CASE, TARGET, repoSummary } from '../../test/support/github/facts.js';
import type { RepoSummary } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.repo.secret-scanning.js';

const repos = (securityAndAnalysis: RepoSummary['securityAndAnalysis']) => answers([repoSummary('api', { securityAndAnalysis })]);
const R = 'github:acme/api';

checkTester(check, { target: TARGET }).run({
  'scanning and push protection enabled pass': {
    facts: { repos: repos({ secret_scanning: 'enabled', secret_scanning_push_protection: 'enabled' }) },
    results: [{ resource: R, status: 'pass', messageId: 'enabled', observed: { secretScanning: 'enabled', pushProtection: 'enabled' } }],
  },
  'push protection disabled fails': {
    facts: { repos: repos({ secret_scanning: 'enabled', secret_scanning_push_protection: 'disabled' }) },
    results: [{ resource: R, status: 'fail', messageId: 'disabled', observed: { secretScanning: 'enabled', pushProtection: 'disabled' } }],
  },
  'scanning disabled fails': {
    facts: { repos: repos({ secret_scanning: 'disabled', secret_scanning_push_protection: 'disabled' }) },
    results: [{ resource: R, status: 'fail', messageId: 'disabled', observed: { secretScanning: 'disabled' } }],
  },
  'not offered on this repository (keys absent) fails as unavailable': {
    facts: { repos: repos({ advanced_security: 'disabled' }) },
    results: [
      { resource: R, status: 'fail', messageId: 'disabled', observed: { secretScanning: 'unavailable', pushProtection: 'unavailable' } },
    ],
  },
  'security_and_analysis absent (non-admin token) is missing data naming the permission': {
    facts: { repos: repos(null) },
    results: [
      {
        resource: R,
        status: 'error',
        messageId: 'missingData',
        message: 'admin on the repository',
        observed: { reason: { kind: 'missing' } },
      },
    ],
  },
  'an unreadable repository list is not collected': {
    facts: { repos: failing({ permission: 'read:org' }) },
    results: [{ resource: 'github:acme', status: 'error', messageId: 'notCollected' }],
  },
  'no repository in scope': NO_REPOS_CASE,
});
