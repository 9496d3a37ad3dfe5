/**
 * Builders of GitHub facts for check tables and unit tests: a sound default
 * that each case overrides with the one thing it is about.
 */
import { branchRulesOf } from '../../../src/providers/github/branch-rules.js';
import type { BranchRules, ClassicRule, RepoDetails, RepoSummary, Ruleset, Webhook } from '../../../src/providers/github/types.js';
import type { CheckCase } from '../../../src/testing/check-tester.js';
import { answers, failing } from '../../../src/testing/run-check.js';

export function repoSummary(name: string, over: Partial<RepoSummary> = {}): RepoSummary {
  return {
    name,
    fullName: `acme/${name}`,
    resource: `github:acme/${name}`,
    archived: false,
    fork: false,
    visibility: 'private',
    defaultBranch: 'main',
    securityAndAnalysis: { secret_scanning: 'enabled', secret_scanning_push_protection: 'enabled' },
    ...over,
  };
}

export function classicRule(over: Partial<ClassicRule> = {}): ClassicRule {
  return {
    pattern: 'main',
    isAdminEnforced: true,
    requiresApprovingReviews: true,
    requiredApprovingReviewCount: 1,
    dismissesStaleReviews: true,
    requiresCodeOwnerReviews: false,
    allowsForcePushes: false,
    allowsDeletions: false,
    requiresStatusChecks: false,
    requiredStatusCheckContexts: [],
    bypassPullRequestActors: [],
    bypassForcePushActors: [],
    ...over,
  };
}

/** An active ruleset on the default branch that meets every branch-protection requirement. */
export function ruleset(over: Partial<Ruleset> = {}, pr: Record<string, unknown> = {}): Ruleset {
  return {
    name: 'protect-main',
    enforcement: 'ACTIVE',
    target: 'BRANCH',
    source: 'Repository',
    refInclude: ['~DEFAULT_BRANCH'],
    refExclude: [],
    rules: [
      {
        type: 'PULL_REQUEST',
        parameters: {
          requiredApprovingReviewCount: 1,
          dismissStaleReviewsOnPush: true,
          requireCodeOwnerReview: false,
          requireLastPushApproval: false,
          ...pr,
        },
      },
      { type: 'NON_FAST_FORWARD', parameters: null },
      { type: 'DELETION', parameters: null },
    ],
    bypassActors: [],
    ...over,
  };
}

export function repoDetails(name: string, over: Partial<RepoDetails> = {}): RepoDetails {
  return {
    name,
    viewerPermission: 'ADMIN',
    defaultBranch: 'main',
    hasVulnerabilityAlertsEnabled: true,
    branchProtectionRules: [],
    rulesets: [],
    codeownersPath: null,
    deployKeys: [],
    outsideCollaborators: [],
    fieldErrors: {},
    ...over,
  };
}

export function branchRules(over: Partial<RepoDetails> = {}): BranchRules | null {
  const d = repoDetails('x', over);
  return branchRulesOf(d.defaultBranch, d.branchProtectionRules ?? [], d.rulesets ?? []);
}

export function webhook(over: Partial<Webhook> = {}): Webhook {
  return {
    id: 1,
    name: 'web',
    active: true,
    url: 'https://hooks.example.com',
    scheme: 'https',
    insecureSsl: '0',
    hasSecret: true,
    ...over,
  };
}

/** The organisation every check table scans. */
export const TARGET = { id: 'github:acme', resource: 'github:acme' };

/** A case of a GitHub check table. */
type GithubCase = CheckCase<'github'>;

/** The case every repository check shares: an organisation with no repository in scope. */
export const NO_REPOS_CASE: GithubCase = {
  facts: { repos: answers([]) },
  results: [{ resource: 'github:acme', status: 'not_applicable', messageId: 'noRepos', observed: { org: 'acme' } }],
};

/**
 * The cases every default-branch check shares, for repository `api`: rules
 * the token may not read, and an empty repository. `facts` builds the check's
 * facts from repository details; `extra` adds what else the check reads first.
 */
export function defaultBranchCases(
  facts: (details: Partial<RepoDetails>) => GithubCase['facts'],
  extra: GithubCase['facts'] = {},
): Record<string, GithubCase> {
  return {
    'rules the token may not read are not collected, naming admin': {
      facts: { repos: answers([repoSummary('api')]), ...extra, branchRules: failing({ permission: 'admin on the repository' }) },
      results: [{ resource: 'github:acme/api', status: 'error', messageId: 'notCollected', message: 'admin on the repository' }],
    },
    'an empty repository is not applicable': {
      facts: facts({ defaultBranch: null }),
      results: [{ resource: 'github:acme/api', status: 'not_applicable', messageId: 'empty' }],
    },
    'no repository in scope': NO_REPOS_CASE,
  };
}
