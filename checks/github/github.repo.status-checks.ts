import { defineCheck } from '../../src/core/check.js';
import { EMPTY_REPO, NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';
import { combine, sourcesOf } from '../../src/judging/github/branch-policy.js';

export default defineCheck({
  meta: {
    id: 'github.repo.status-checks',
    title: 'The default branch requires status checks',
    provider: 'github',
    severity: 'medium',
    description:
      'Required status checks (tests, scanners) must pass before a change merges into the default branch, by classic protection or an active ruleset.',
    remediation: 'In the ruleset (or classic rule) of the default branch, require status checks to pass and name the checks.',
    messages: {
      ...NO_REPOS,
      ...EMPTY_REPO,
      required: '{branch} requires status checks: {checks}',
      none: '{branch} requires no status check',
    },
  },
  async run(ctx) {
    return eachRepo(ctx, async (repo) => {
      const rules = await ctx.github.branchRules(repo.name);
      if (!rules) return ctx.notApplicable(repo.resource, 'empty');
      const checks = combine(sourcesOf(rules)).statusChecks;
      const observed = { branch: rules.branch, checks };
      return checks.length > 0 ? ctx.pass(repo.resource, 'required', observed) : ctx.fail(repo.resource, 'none', observed);
    });
  },
});
