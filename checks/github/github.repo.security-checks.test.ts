import { defaultBranchCases, TARGET, branchRules, classicRule, repoSummary, ruleset } from '../../test/support/github/facts.js';
import type { RepoDetails } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers } from '../../src/testing/run-check.js';
import check from './github.repo.security-checks.js';

const checksRule = (...contexts: string[]) => ({
  type: 'REQUIRED_STATUS_CHECKS',
  parameters: { requiredStatusChecks: contexts.map((context) => ({ context })), strictRequiredStatusChecksPolicy: true },
});
const facts = (details: Partial<RepoDetails>) => ({ repos: answers([repoSummary('api')]), branchRules: answers(branchRules(details)) });
const R = 'github:acme/api';

checkTester(check, { target: TARGET }).run({
  'a required CodeQL check passes': {
    facts: facts({ rulesets: [ruleset({ rules: [checksRule('build', 'CodeQL')] })] }),
    results: [
      { resource: R, status: 'pass', messageId: 'required', observed: { branch: 'main', checks: ['CodeQL', 'build'], found: ['CodeQL'] } },
    ],
  },
  'a classic required "Analyze (javascript)" check passes': {
    facts: facts({
      branchProtectionRules: [classicRule({ requiresStatusChecks: true, requiredStatusCheckContexts: ['Analyze (javascript)'] })],
    }),
    results: [{ resource: R, status: 'pass', messageId: 'required', observed: { found: ['Analyze (javascript)'] } }],
  },
  'required checks that are not security tests fail, listing them': {
    facts: facts({
      branchProtectionRules: [classicRule({ requiresStatusChecks: true, requiredStatusCheckContexts: ['ci/build', 'ci/test'] })],
    }),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'none',
        observed: { checks: ['ci/build', 'ci/test'], found: [] },
        message: 'required: ci/build, ci/test',
      },
    ],
  },
  'a security check in a ruleset that only evaluates does not count': {
    facts: facts({ rulesets: [ruleset({ enforcement: 'EVALUATE', rules: [checksRule('CodeQL')] })] }),
    results: [{ resource: R, status: 'fail', messageId: 'none', observed: { checks: [] } }],
  },
  'the security checks are a setting': {
    facts: facts({ branchProtectionRules: [classicRule({ requiresStatusChecks: true, requiredStatusCheckContexts: ['ci/sast'] })] }),
    settings: { securityChecks: ['ci/sast'] },
    results: [{ resource: R, status: 'pass', messageId: 'required', observed: { securityChecks: ['ci/sast'], found: ['ci/sast'] } }],
  },
  ...defaultBranchCases(facts),
});
