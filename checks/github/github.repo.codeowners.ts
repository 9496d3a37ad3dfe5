import { defineCheck } from '../../src/core/check.js';
import { EMPTY_REPO, NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';
import { combine, sourcesOf } from '../../src/judging/github/branch-policy.js';

export default defineCheck({
  meta: {
    id: 'github.repo.codeowners',
    title: 'Code owners review changes',
    provider: 'github',
    severity: 'medium',
    description:
      'A CODEOWNERS file (at the root, in .github/ or in docs/) names who owns which code, and code-owner review is required on the default branch.',
    remediation:
      'Add .github/CODEOWNERS and enable "Require review from Code Owners" in the ruleset or classic rule of the default branch.',
    messages: {
      ...NO_REPOS,
      ...EMPTY_REPO,
      enforced: '{path} exists and code-owner review is required on {branch}',
      noFile: 'No CODEOWNERS file in the root, .github/ or docs/',
      notRequired: '{path} exists but code-owner review is not required on {branch}',
    },
  },
  async run(ctx) {
    return eachRepo(ctx, async (repo) => {
      const owners = await ctx.github.codeowners(repo.name);
      if (!owners) return ctx.notApplicable(repo.resource, 'empty');
      if (!owners.path) return ctx.fail(repo.resource, 'noFile', { path: null });
      const rules = await ctx.github.branchRules(repo.name);
      if (!rules) return ctx.notApplicable(repo.resource, 'empty');
      const observed = { path: owners.path, branch: rules.branch };
      return combine(sourcesOf(rules)).codeOwnerReview
        ? ctx.pass(repo.resource, 'enforced', observed)
        : ctx.fail(repo.resource, 'notRequired', observed);
    });
  },
});
