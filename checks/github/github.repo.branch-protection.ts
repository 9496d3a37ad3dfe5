import { defineCheck } from '../../src/core/check.js';
import { EMPTY_REPO, NO_REPOS, eachRepo } from '../../src/providers/github/each-repo.js';
import { judgeProtection } from '../../src/providers/github/branch-policy.js';
import { denied } from '../../src/providers/github/errors.js';
import { PERMISSIONS } from '../../src/providers/github/org-facts.js';

export default defineCheck({
  meta: {
    id: 'github.repo.branch-protection',
    title: 'The default branch is protected',
    provider: 'github',
    severity: 'high',
    description: 'Classic protection and active rulesets together: approved pull requests, stale approvals dismissed, no force push or deletion, no admin bypass.',
    remediation: 'Add a ruleset (or classic rule) on the default branch with those settings and no admin bypass.',
    messages: {
      ...NO_REPOS,
      ...EMPTY_REPO,
      protected: '{branch} is protected by {sources}',
      unprotected: '{branch} is not protected as required: {shortfalls}',
    },
    settings: { minApprovals: { type: 'integer', default: 1, description: 'Approvals a pull request needs.' } },
  },
  async run(ctx) {
    const minApprovals = ctx.settings.minApprovals;
    return eachRepo(ctx, async (repo) => {
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
