import { NO_REPOS_CASE, TARGET, branchRules, classicRule, repoSummary, ruleset } from '../../test/support/github/facts.js';
import type { BypassActor, RepoDetails } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.repo.branch-protection.js';

const facts = (details: Partial<RepoDetails>) => ({ repos: answers([repoSummary('api')]), branchRules: answers(branchRules(details)) });
const actor = (over: Partial<BypassActor>): BypassActor => ({
  bypassMode: 'ALWAYS',
  organizationAdmin: false,
  enterpriseOwner: false,
  deployKey: false,
  repositoryRoleName: null,
  repositoryRoleDatabaseId: null,
  actor: null,
  ...over,
});
const R = 'github:acme/api';
const pass = (sources: string[]) => [
  { resource: R, status: 'pass' as const, messageId: 'protected', observed: { branch: 'main', sources, minApprovals: 1 } },
];
const fail = (shortfalls: string[]) => [
  { resource: R, status: 'fail' as const, messageId: 'unprotected', observed: { branch: 'main', shortfalls } },
];
const CLASSIC = 'branch protection "main"';
const RULESET = 'ruleset "protect-main"';

checkTester(check, { target: TARGET }).run({
  'classic protection that meets every requirement passes': {
    facts: facts({ branchProtectionRules: [classicRule()] }),
    results: pass([CLASSIC]),
  },
  'a ruleset alone passes': { facts: facts({ rulesets: [ruleset()] }), results: pass([RULESET]) },
  'a ruleset through ~ALL passes': { facts: facts({ rulesets: [ruleset({ refInclude: ['~ALL'] })] }), results: pass([RULESET]) },
  'a ruleset by glob passes': { facts: facts({ rulesets: [ruleset({ refInclude: ['refs/heads/ma*'] })] }), results: pass([RULESET]) },
  'classic without admin enforcement, covered by a ruleset without bypass, passes': {
    facts: facts({ branchProtectionRules: [classicRule({ isAdminEnforced: false })], rulesets: [ruleset()] }),
    results: pass([CLASSIC, RULESET]),
  },
  'approvals in classic and the force-push block in a ruleset pass together': {
    facts: facts({ branchProtectionRules: [classicRule({ allowsForcePushes: true })], rulesets: [ruleset()] }),
    results: pass([CLASSIC, RULESET]),
  },
  'nothing fails with every shortfall': {
    facts: facts({}),
    results: fail([
      'pull requests need 1 approval(s), found 0',
      'stale approvals are not dismissed',
      'force pushes are allowed',
      'deletion is allowed',
    ]),
  },
  'a rule for another branch fails': {
    facts: facts({ branchProtectionRules: [classicRule({ pattern: 'release/*' })] }),
    results: fail([
      'pull requests need 1 approval(s), found 0',
      'stale approvals are not dismissed',
      'force pushes are allowed',
      'deletion is allowed',
    ]),
  },
  'no approvals required fails': {
    facts: facts({ branchProtectionRules: [classicRule({ requiredApprovingReviewCount: 0 })] }),
    results: fail(['pull requests need 1 approval(s), found 0']),
  },
  'stale approvals kept and force pushes allowed fail, each named': {
    facts: facts({ branchProtectionRules: [classicRule({ allowsForcePushes: true, dismissesStaleReviews: false })] }),
    results: fail(['stale approvals are not dismissed', 'force pushes are allowed']),
  },
  'deletion allowed fails': {
    facts: facts({ branchProtectionRules: [classicRule({ allowsDeletions: true })] }),
    results: fail(['deletion is allowed']),
  },
  'admins not enforced fails': {
    facts: facts({ branchProtectionRules: [classicRule({ isAdminEnforced: false })] }),
    results: fail([`${CLASSIC} can be bypassed by RepositoryRole:admin`]),
  },
  'admins not enforced passes when the config accepts the admin role': {
    facts: facts({ branchProtectionRules: [classicRule({ isAdminEnforced: false })] }),
    settings: { allowedBypassActors: ['RepositoryRole:admin'] },
    results: pass([CLASSIC]),
  },
  "a classic rule's pull-request bypass allowance fails": {
    facts: facts({ branchProtectionRules: [classicRule({ bypassPullRequestActors: ['Team:release', 'User:octocat'] })] }),
    results: fail([`${CLASSIC} can be bypassed by Team:release, User:octocat`]),
  },
  "a classic rule's force-push bypass allowance fails": {
    facts: facts({ branchProtectionRules: [classicRule({ bypassForcePushActors: ['App:deployer'] })] }),
    results: fail([`${CLASSIC} can be bypassed by App:deployer`]),
  },
  'an allow-listed allowance passes': {
    facts: facts({ branchProtectionRules: [classicRule({ bypassPullRequestActors: ['Team:release'] })] }),
    settings: { allowedBypassActors: ['Team:release'] },
    results: pass([CLASSIC]),
  },
  'a classic rule whose allowances were not collected is missing data': {
    facts: facts({ branchProtectionRules: [classicRule({ bypassPullRequestActors: null })] }),
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'admin on the repository' }],
  },
  'a ruleset in evaluate mode enforces nothing': {
    facts: facts({ rulesets: [ruleset({ enforcement: 'EVALUATE' })] }),
    results: fail([
      'pull requests need 1 approval(s), found 0',
      'stale approvals are not dismissed',
      'force pushes are allowed',
      'deletion is allowed',
    ]),
  },
  'a ruleset that excludes the default branch does not apply': {
    facts: facts({ rulesets: [ruleset({ refExclude: ['refs/heads/main'] })] }),
    results: fail([
      'pull requests need 1 approval(s), found 0',
      'stale approvals are not dismissed',
      'force pushes are allowed',
      'deletion is allowed',
    ]),
  },
  'a ruleset that organisation admins bypass fails': {
    facts: facts({ rulesets: [ruleset({ bypassActors: [actor({ organizationAdmin: true })] })] }),
    results: fail([`${RULESET} can be bypassed by OrganizationAdmin`]),
  },
  'a ruleset that enterprise owners bypass fails': {
    facts: facts({ rulesets: [ruleset({ bypassActors: [actor({ enterpriseOwner: true })] })] }),
    results: fail([`${RULESET} can be bypassed by EnterpriseOwner`]),
  },
  'a ruleset that the admin role bypasses for pull requests fails': {
    facts: facts({
      rulesets: [
        ruleset({ bypassActors: [actor({ bypassMode: 'PULL_REQUEST', repositoryRoleName: 'admin', repositoryRoleDatabaseId: 5 })] }),
      ],
    }),
    results: fail([`${RULESET} can be bypassed by RepositoryRole:admin`]),
  },
  'a ruleset that the write role bypasses fails too': {
    facts: facts({ rulesets: [ruleset({ bypassActors: [actor({ repositoryRoleName: 'write', repositoryRoleDatabaseId: 4 })] })] }),
    results: fail([`${RULESET} can be bypassed by RepositoryRole:write`]),
  },
  'a team, an app and a deploy key exempt from a ruleset fail, each named': {
    facts: facts({
      rulesets: [
        ruleset({
          bypassActors: [actor({ actor: 'Team:sre' }), actor({ bypassMode: 'EXEMPT', actor: 'App:renovate' }), actor({ deployKey: true })],
        }),
      ],
    }),
    results: fail([`${RULESET} can be bypassed by Team:sre, App:renovate, DeployKey`]),
  },
  'bypass actors allow-listed by name pass': {
    facts: facts({ rulesets: [ruleset({ bypassActors: [actor({ actor: 'Team:sre' }), actor({ deployKey: true })] })] }),
    settings: { allowedBypassActors: ['Team:sre', 'DeployKey'] },
    results: pass([RULESET]),
  },
  'an allow-list that names only some actors still fails on the others': {
    facts: facts({ rulesets: [ruleset({ bypassActors: [actor({ actor: 'Team:sre' }), actor({ actor: 'App:renovate' })] })] }),
    settings: { allowedBypassActors: ['Team:sre'] },
    results: fail([`${RULESET} can be bypassed by App:renovate`]),
  },
  'the number of approvals is a setting': {
    facts: facts({ branchProtectionRules: [classicRule()] }),
    settings: { minApprovals: 2 },
    results: [{ resource: R, status: 'fail', messageId: 'unprotected', observed: { minApprovals: 2 }, message: '2 approval(s), found 1' }],
  },
  'a ruleset whose bypass list is hidden is missing data, not a pass': {
    facts: facts({ rulesets: [ruleset({ bypassActors: null })] }),
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'admin on the repository' }],
  },
  'an empty repository is not applicable': {
    facts: facts({ defaultBranch: null }),
    results: [{ resource: R, status: 'not_applicable', messageId: 'empty' }],
  },
  'rules the token may not read are not collected for that repository only': {
    facts: {
      repos: answers([repoSummary('api'), repoSummary('web')]),
      branchRules: async (name: string) => {
        if (name === 'api') return failing({ permission: 'admin on the repository' })();
        return branchRules({ rulesets: [ruleset()] });
      },
    },
    results: [
      { resource: R, status: 'error', messageId: 'notCollected', message: 'admin on the repository' },
      { resource: 'github:acme/web', status: 'pass', messageId: 'protected' },
    ],
  },
  'no repository in scope': NO_REPOS_CASE,
});
