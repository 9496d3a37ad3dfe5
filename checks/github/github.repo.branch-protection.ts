import { defineCheck } from '../../src/core/check.js';
import { judgeProtection } from '../../src/providers/github/branch-policy.js';
import { denied } from '../../src/providers/github/errors.js';
import { PERMISSIONS } from '../../src/providers/github/org-facts.js';

export default defineCheck({
  meta: {
    id: 'github.repo.branch-protection',
    title: 'The default branch is protected',
    provider: 'github',
    severity: 'high',
    description:
      'Classic protection and active rulesets together: reviewed pull requests, stale approvals dismissed, no force push or deletion, no admin bypass.',
    remediation: 'Add a ruleset (or classic rule) on the default branch: require a pull request with approvals, dismiss stale approvals, block force pushes and deletion, with no admin bypass.',
    messages: {
      protected: '{branch} is protected by {sources}',
      unprotected: '{branch} is not protected as required: {shortfalls}',
      empty: 'The repository is empty (no default branch)',
    },
    settings: { minApprovals: { type: 'integer', default: 1, description: 'Approvals a pull request needs.' } },
  },
  async run(ctx) {
    const minApprovals = ctx.settings.minApprovals as number;
    return ctx.each(await ctx.github.repos(), (r) => r.resource, async (repo) => {
      const rules = await ctx.github.branchRules(repo.name);
      if (!rules) return ctx.notApplicable(repo.resource, 'empty');
      const verdict = judgeProtection(rules, minApprovals);
      const observed = { branch: rules.branch, sources: verdict.sources, minApprovals };
      if (verdict.verdict === 'pass') return ctx.pass(repo.resource, 'protected', observed);
      if (verdict.verdict === 'unknown') {
        return ctx.error(repo.resource, denied(`who may bypass the rulesets on ${rules.branch} is hidden from this token`, PERMISSIONS.repoAdmin), observed);
      }
      return ctx.fail(repo.resource, 'unprotected', { ...observed, shortfalls: verdict.shortfalls });
    });
  },
});
