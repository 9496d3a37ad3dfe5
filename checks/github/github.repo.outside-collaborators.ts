import { defineCheck } from '../../src/core/check.js';
import { NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';

export default defineCheck({
  meta: {
    id: 'github.repo.outside-collaborators',
    title: 'No outside collaborator administers a repository',
    provider: 'github',
    severity: 'high',
    description:
      'Outside collaborators are not members of the organisation and escape its policies; admin lets them change settings, protection and access.',
    remediation:
      'Lower the listed collaborators to the least permission they need (Settings → Collaborators and teams), or make them members.',
    messages: {
      ...NO_REPOS,
      none: 'No outside collaborator has admin permission ({count} outside collaborator(s))',
      admins: 'Outside collaborators with admin permission: {admins}',
    },
  },
  async run(ctx) {
    return eachRepo(ctx, async (repo) => {
      const collaborators = await ctx.github.outsideCollaborators(repo.name);
      const admins = collaborators
        .filter((c) => c.permission.toUpperCase() === 'ADMIN')
        .map((c) => c.login)
        .sort();
      const observed = { count: collaborators.length, admins };
      return admins.length === 0 ? ctx.pass(repo.resource, 'none', observed) : ctx.fail(repo.resource, 'admins', observed);
    });
  },
});
