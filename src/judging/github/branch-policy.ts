import type { BranchRules, BypassActor, ClassicRule, Ruleset } from '../../providers/github/types.js';

/**
 * How the default branch is protected, judged over classic branch protection
 * and rulesets together, as GitHub enforces them: every active ruleset that
 * targets the branch applies on top of the one classic rule that matches it,
 * and the most restrictive setting wins.
 */

/** What one source (the classic rule or one ruleset) requires of the branch. */
export interface Requirements {
  approvals: number;
  dismissStale: boolean;
  blocksForcePush: boolean;
  blocksDeletion: boolean;
  codeOwnerReview: boolean;
  statusChecks: string[];
}

export interface Source extends Requirements {
  name: string;
  /**
   * Who may bypass it, by the name a config allow-lists (`OrganizationAdmin`,
   * `EnterpriseOwner`, `DeployKey`, `RepositoryRole:<role>`, `Team:<slug>`,
   * `App:<slug>`, `User:<login>`); `null` when the token could not see the list.
   */
  bypassers: string[] | null;
}

/** The classic rule's bypassers: admins unless "include administrators" is on, and its two allowance lists where they matter. */
function classicBypassers(r: ClassicRule): string[] | null {
  const pr = r.requiresApprovingReviews ? r.bypassPullRequestActors : [];
  const push = r.allowsForcePushes ? [] : r.bypassForcePushActors;
  if (pr === null || pr === undefined || push === null || push === undefined) return null;
  return [...new Set([...(r.isAdminEnforced ? [] : ['RepositoryRole:admin']), ...pr, ...push])];
}

function fromClassic(r: ClassicRule): Source {
  return {
    name: `branch protection "${r.pattern}"`,
    bypassers: classicBypassers(r),
    approvals: r.requiresApprovingReviews ? (r.requiredApprovingReviewCount ?? 0) : 0,
    dismissStale: r.requiresApprovingReviews && r.dismissesStaleReviews,
    blocksForcePush: !r.allowsForcePushes,
    blocksDeletion: !r.allowsDeletions,
    codeOwnerReview: r.requiresApprovingReviews && r.requiresCodeOwnerReviews,
    statusChecks: r.requiresStatusChecks ? r.requiredStatusCheckContexts : [],
  };
}

/**
 * A ruleset bypass actor by name. Every bypass mode counts: `ALWAYS` lets
 * the actor push past the rules, `PULL_REQUEST` merge a pull request that
 * does not meet them, `EXEMPT` skips the rules without a record.
 */
function bypasserName(a: BypassActor): string {
  if (a.organizationAdmin) return 'OrganizationAdmin';
  if (a.enterpriseOwner) return 'EnterpriseOwner';
  if (a.deployKey) return 'DeployKey';
  if (a.repositoryRoleName) return `RepositoryRole:${a.repositoryRoleName.toLowerCase()}`;
  if (a.repositoryRoleDatabaseId !== null) return `RepositoryRole:${a.repositoryRoleDatabaseId}`;
  return a.actor ?? 'unknown actor';
}

function fromRuleset(rs: Ruleset): Source {
  const rule = (type: string) => rs.rules.find((r) => r.type.toUpperCase() === type);
  const pr = rule('PULL_REQUEST')?.parameters ?? null;
  const checks = (rule('REQUIRED_STATUS_CHECKS')?.parameters?.requiredStatusChecks ?? []) as { context: string }[];
  return {
    name: `ruleset "${rs.name}"`,
    bypassers: rs.bypassActors === null ? null : [...new Set(rs.bypassActors.map(bypasserName))],
    approvals: pr ? Number(pr.requiredApprovingReviewCount ?? 0) : 0,
    dismissStale: pr?.dismissStaleReviewsOnPush === true,
    blocksForcePush: !!rule('NON_FAST_FORWARD'),
    blocksDeletion: !!rule('DELETION'),
    codeOwnerReview: pr?.requireCodeOwnerReview === true,
    statusChecks: checks.map((c) => c.context),
  };
}

export function sourcesOf(rules: BranchRules): Source[] {
  return [...(rules.classic ? [fromClassic(rules.classic)] : []), ...rules.rulesets.map(fromRuleset)];
}

/** The most restrictive of each setting over several sources. */
export function combine(sources: Source[]): Requirements {
  return {
    approvals: Math.max(0, ...sources.map((s) => s.approvals)),
    dismissStale: sources.some((s) => s.dismissStale),
    blocksForcePush: sources.some((s) => s.blocksForcePush),
    blocksDeletion: sources.some((s) => s.blocksDeletion),
    codeOwnerReview: sources.some((s) => s.codeOwnerReview),
    statusChecks: [...new Set(sources.flatMap((s) => s.statusChecks))].sort(),
  };
}

export function shortfalls(r: Requirements, minApprovals: number): string[] {
  return [
    ...(r.approvals < minApprovals ? [`pull requests need ${minApprovals} approval(s), found ${r.approvals}`] : []),
    ...(r.dismissStale ? [] : ['stale approvals are not dismissed']),
    ...(r.blocksForcePush ? [] : ['force pushes are allowed']),
    ...(r.blocksDeletion ? [] : ['deletion is allowed']),
  ];
}

export type Protection =
  | { verdict: 'pass'; sources: string[] }
  | { verdict: 'unknown'; sources: string[] }
  | { verdict: 'fail'; sources: string[]; shortfalls: string[] };

/**
 * Passes when the sources that no actor outside `allowedBypass` can bypass,
 * together, meet every requirement. When only sources whose bypass list is
 * hidden would make it pass, the answer is `unknown` (an error, never a pass).
 */
export function judgeProtection(rules: BranchRules, minApprovals: number, allowedBypass: readonly string[] = []): Protection {
  const sources = sourcesOf(rules);
  const names = sources.map((s) => s.name);
  const unwanted = (s: Source) => s.bypassers?.filter((b) => !allowedBypass.includes(b)) ?? null;
  const meets = (subset: Source[]) => shortfalls(combine(subset), minApprovals).length === 0;
  if (meets(sources.filter((s) => unwanted(s)?.length === 0))) return { verdict: 'pass', sources: names };
  if (meets(sources.filter((s) => (unwanted(s)?.length ?? 0) === 0))) return { verdict: 'unknown', sources: names };
  const all = shortfalls(combine(sources), minApprovals);
  const bypassed = sources
    .filter((s) => (unwanted(s)?.length ?? 0) > 0)
    .map((s) => `${s.name} can be bypassed by ${(unwanted(s) ?? []).join(', ')}`);
  return { verdict: 'fail', sources: names, shortfalls: all.length ? all : bypassed };
}
