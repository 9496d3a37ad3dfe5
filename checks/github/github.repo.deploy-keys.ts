import { defineCheck } from '../../src/core/check.js';
import { NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';

export default defineCheck({
  meta: {
    id: 'github.repo.deploy-keys',
    title: 'Deploy keys are read-only',
    provider: 'github',
    severity: 'medium',
    description: 'A deploy key with write access pushes code without a user, review or 2FA behind it.',
    remediation: 'Replace the listed write keys with read-only deploy keys, or with a GitHub App whose permissions are reviewed.',
    messages: {
      ...NO_REPOS,
      readOnly: 'All {count} deploy key(s) are read-only',
      writable: 'Deploy keys with write access: {writable}',
      none: 'No deploy keys',
    },
  },
  async run(ctx) {
    return eachRepo(ctx, async (repo) => {
      const keys = await ctx.github.deployKeys(repo.name);
      if (keys.length === 0) return ctx.notApplicable(repo.resource, 'none', { count: 0 });
      const writable = keys.filter((k) => !k.readOnly).map((k) => k.title);
      const observed = { count: keys.length, writable };
      return writable.length === 0 ? ctx.pass(repo.resource, 'readOnly', observed) : ctx.fail(repo.resource, 'writable', observed);
    });
  },
});
