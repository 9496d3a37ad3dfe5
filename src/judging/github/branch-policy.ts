import type { BranchRules, ClassicRule, Ruleset } from '../../providers/github/types.js';

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
  /** Whether admins may bypass it; `null` when the token could not see the bypass list. */
  adminBypass: boolean | null;
}

function fromClassic(r: ClassicRule): Source {
  return {
    name: `branch protection "${r.pattern}"`,
    adminBypass: !r.isAdminEnforced,
    approvals: r.requiresApprovingReviews ? (r.requiredApprovingReviewCount ?? 0) : 0,
    dismissStale: r.requiresApprovingReviews && r.dismissesStaleReviews,
    blocksForcePush: !r.allowsForcePushes,
    blocksDeletion: !r.allowsDeletions,
    codeOwnerReview: r.requiresApprovingReviews && r.requiresCodeOwnerReviews,
    statusChecks: r.requiresStatusChecks ? r.requiredStatusCheckContexts : [],
  };
}

function fromRuleset(rs: Ruleset): Source {
  const rule = (type: string) => rs.rules.find((r) => r.type.toUpperCase() === type);
  const pr = rule('PULL_REQUEST')?.parameters ?? null;
  const checks = (rule('REQUIRED_STATUS_CHECKS')?.parameters?.requiredStatusChecks ?? []) as { context: string }[];
  const adminish = rs.bypassActors?.some(
    (a) => a.organizationAdmin || a.enterpriseOwner || a.repositoryRoleName?.toLowerCase() === 'admin' || a.repositoryRoleDatabaseId === 5,
  );
  return {
    name: `ruleset "${rs.name}"`,
    adminBypass: rs.bypassActors === null ? null : adminish === true,
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
 * Passes when the sources admins cannot bypass, together, meet every
 * requirement. When only sources whose bypass list is hidden would make it
 * pass, the answer is `unknown` (an error, never a pass).
 */
export function judgeProtection(rules: BranchRules, minApprovals: number): Protection {
  const sources = sourcesOf(rules);
  const names = sources.map((s) => s.name);
  if (shortfalls(combine(sources.filter((s) => s.adminBypass === false)), minApprovals).length === 0) return { verdict: 'pass', sources: names };
  if (shortfalls(combine(sources.filter((s) => s.adminBypass !== true)), minApprovals).length === 0) return { verdict: 'unknown', sources: names };
  const all = shortfalls(combine(sources), minApprovals);
  return { verdict: 'fail', sources: names, shortfalls: all.length ? all : ['admins can bypass the protection'] };
}
