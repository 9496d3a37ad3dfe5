import { NO_REPOS_CASE, TARGET, repoSummary } from '../../test/support/github/facts.js';
import type { OrgSecurityPolicy } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.repo.security-policy.js';

const R = 'github:acme/api';
const facts = (path: string | null | undefined, org: OrgSecurityPolicy = { visibility: null, path: null }) => ({
  repos: answers([repoSummary('api')]),
  securityPolicy: answers(path === undefined ? null : { path }),
  orgSecurityPolicy: answers(org),
});

checkTester(check, { target: TARGET }).run({
  'its own .github/SECURITY.md passes': {
    facts: facts('.github/SECURITY.md'),
    results: [{ resource: R, status: 'pass', messageId: 'own', observed: { path: '.github/SECURITY.md' } }],
  },
  'the public organisation default passes': {
    facts: facts(null, { visibility: 'PUBLIC', path: 'SECURITY.md' }),
    results: [{ resource: R, status: 'pass', messageId: 'inherited', observed: { orgPath: 'SECURITY.md' } }],
  },
  'a private .github repository is no default, so none fails': {
    facts: facts(null, { visibility: 'PRIVATE', path: 'SECURITY.md' }),
    results: [{ resource: R, status: 'fail', messageId: 'none', observed: { orgPolicy: 'the .github repository is private' } }],
  },
  'no policy anywhere fails': {
    facts: facts(null),
    results: [{ resource: R, status: 'fail', messageId: 'none', observed: { orgPolicy: 'no .github repository' } }],
  },
  'a path that could not be read is not collected': {
    facts: { repos: answers([repoSummary('api')]), securityPolicy: failing({ permission: 'read access to SECURITY.md' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'read access to SECURITY.md' }],
  },
  'an organisation default that could not be read is not collected': {
    facts: { ...facts(null), orgSecurityPolicy: failing({ kind: 'other', message: 'GraphQL OrgSecurityPolicy: RATE_LIMITED' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'OrgSecurityPolicy' }],
  },
  'an empty repository is not applicable': {
    facts: facts(undefined),
    results: [{ resource: R, status: 'not_applicable', messageId: 'empty' }],
  },
  'no repository in scope': NO_REPOS_CASE,
});
