import picomatch from 'picomatch';
import type { BranchRules, ClassicRule, Ruleset } from './types.js';

/**
 * Which rules GitHub applies to the default branch: the one classic rule that
 * matches it and every active ruleset that targets it. Selecting them is part
 * of collecting the branch's rules; judging them is src/judging/github/.
 */

const glob = (pattern: string) => picomatch(pattern, { dot: true });

/**
 * The classic rule GitHub applies to `branch`: a rule naming the branch
 * exactly wins; otherwise patterns apply in the order they were created
 * (GitHub's documented precedence), which is the order GraphQL lists them.
 */
export function classicRuleFor(rules: ClassicRule[], branch: string): ClassicRule | null {
  return rules.find((r) => r.pattern === branch) ?? rules.find((r) => glob(r.pattern)(branch)) ?? null;
}

/** An active branch ruleset whose ref conditions include the default branch and do not exclude it. */
export function rulesetApplies(ruleset: Ruleset, branch: string): boolean {
  if (ruleset.enforcement.toUpperCase() !== 'ACTIVE') return false;
  if (ruleset.target && ruleset.target.toUpperCase() !== 'BRANCH') return false;
  if (!ruleset.refInclude) return false;
  const ref = `refs/heads/${branch}`;
  const matches = (p: string) => p === '~ALL' || p === '~DEFAULT_BRANCH' || p === ref || glob(p)(ref);
  return ruleset.refInclude.some(matches) && !ruleset.refExclude.some(matches);
}

/** The rules of the default branch, from lists the caller has checked were returned and visible. */
export function branchRulesOf(branch: string | null, classicRules: ClassicRule[], rulesets: Ruleset[]): BranchRules | null {
  if (!branch) return null;
  return {
    branch,
    classic: classicRuleFor(classicRules, branch),
    rulesets: rulesets.filter((r) => rulesetApplies(r, branch)),
  };
}
