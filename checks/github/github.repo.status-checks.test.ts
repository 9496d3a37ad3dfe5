import { defaultBranchCases, TARGET, branchRules, classicRule, repoSummary, ruleset } from '../../test/support/github/facts.js';
import type { RepoDetails } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers } from '../../src/testing/run-check.js';
import check from './github.repo.status-checks.js';

const checksRule = {
  type: 'REQUIRED_STATUS_CHECKS',
  parameters: { requiredStatusChecks: [{ context: 'ci/test' }], strictRequiredStatusChecksPolicy: true },
};
const facts = (details: Partial<RepoDetails>) => ({ repos: answers([repoSummary('api')]), branchRules: answers(branchRules(details)) });
const R = 'github:acme/api';

checkTester(check, { target: TARGET }).run({
  'classic required checks pass': {
    facts: facts({ branchProtectionRules: [classicRule({ requiresStatusChecks: true, requiredStatusCheckContexts: ['build'] })] }),
    results: [{ resource: R, status: 'pass', messageId: 'required', observed: { branch: 'main', checks: ['build'] } }],
  },
  'a ruleset with required checks passes': {
    facts: facts({ rulesets: [ruleset({ rules: [checksRule] })] }),
    results: [{ resource: R, status: 'pass', messageId: 'required', observed: { checks: ['ci/test'] } }],
  },
  'checks of both sources are listed together': {
    facts: facts({
      rulesets: [ruleset({ rules: [checksRule] })],
      branchProtectionRules: [classicRule({ requiresStatusChecks: true, requiredStatusCheckContexts: ['build'] })],
    }),
    results: [{ resource: R, status: 'pass', messageId: 'required', observed: { checks: ['build', 'ci/test'] } }],
  },
  'protection without checks fails': {
    facts: facts({ branchProtectionRules: [classicRule()] }),
    results: [{ resource: R, status: 'fail', messageId: 'none', observed: { branch: 'main', checks: [] } }],
  },
  'checks switched off with contexts left behind fail': {
    facts: facts({ branchProtectionRules: [classicRule({ requiresStatusChecks: false, requiredStatusCheckContexts: ['build'] })] }),
    results: [{ resource: R, status: 'fail', messageId: 'none' }],
  },
  'a disabled ruleset with checks fails': {
    facts: facts({ rulesets: [ruleset({ enforcement: 'DISABLED', rules: [checksRule] })] }),
    results: [{ resource: R, status: 'fail', messageId: 'none' }],
  },
  'no protection fails': {
    facts: facts({}),
    results: [{ resource: R, status: 'fail', messageId: 'none' }],
  },
  ...defaultBranchCases(facts),
});
