import {
  defaultBranchCases,
  TARGET,
  branchRules,
  classicRule,
  repoDetails,
  repoSummary,
  ruleset,
} from '../../test/support/github/facts.js';
import type { RepoDetails } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.repo.codeowners.js';

/** What the codeowners accessor answers for these details (null for an empty repository). */
const codeownersOf = (details: Partial<RepoDetails>) => {
  const d = repoDetails('api', details);
  return d.defaultBranch ? { path: d.codeownersPath } : null;
};
const facts = (details: Partial<RepoDetails>) => ({
  repos: answers([repoSummary('api')]),
  codeowners: answers(codeownersOf(details)),
  branchRules: answers(branchRules(details)),
});
const R = 'github:acme/api';

checkTester(check, { target: TARGET }).run({
  '.github/CODEOWNERS and classic code-owner review pass': {
    facts: facts({ codeownersPath: '.github/CODEOWNERS', branchProtectionRules: [classicRule({ requiresCodeOwnerReviews: true })] }),
    results: [{ resource: R, status: 'pass', messageId: 'enforced', observed: { path: '.github/CODEOWNERS', branch: 'main' } }],
  },
  'docs/CODEOWNERS and a ruleset requiring code-owner review pass': {
    facts: facts({ codeownersPath: 'docs/CODEOWNERS', rulesets: [ruleset({}, { requireCodeOwnerReview: true })] }),
    results: [{ resource: R, status: 'pass', messageId: 'enforced', observed: { path: 'docs/CODEOWNERS' } }],
  },
  'no file, review required, fails': {
    facts: facts({ codeownersPath: null, branchProtectionRules: [classicRule({ requiresCodeOwnerReviews: true })] }),
    results: [{ resource: R, status: 'fail', messageId: 'noFile', observed: { path: null } }],
  },
  'a file whose review is not required fails': {
    facts: facts({ codeownersPath: 'CODEOWNERS', branchProtectionRules: [classicRule()] }),
    results: [{ resource: R, status: 'fail', messageId: 'notRequired', observed: { path: 'CODEOWNERS', branch: 'main' } }],
  },
  'a file without protection fails': {
    facts: facts({ codeownersPath: 'CODEOWNERS' }),
    results: [{ resource: R, status: 'fail', messageId: 'notRequired' }],
  },
  'a CODEOWNERS path that could not be read is not collected, never "no file"': {
    facts: {
      repos: answers([repoSummary('api')]),
      codeowners: failing({ message: 'api: codeowners0 could not be read (FORBIDDEN)', permission: 'read access to .github/CODEOWNERS' }),
    },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'read access to .github/CODEOWNERS' }],
  },
  ...defaultBranchCases(facts, { codeowners: answers({ path: 'CODEOWNERS' }) }),
});
