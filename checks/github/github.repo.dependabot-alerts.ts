import { defineCheck } from '../../src/core/check.js';
import { NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';

export default defineCheck({
  meta: {
    id: 'github.repo.dependabot-alerts',
    title: 'Dependabot vulnerability alerts are enabled',
    provider: 'github',
    severity: 'high',
    description: 'Vulnerability alerts tell the team when a dependency has a known vulnerability.',
    remediation: 'Repository settings → Code security → Dependabot alerts: Enable (or enable it for all repositories in the organisation).',
    messages: {
      ...NO_REPOS,
      enabled: 'Dependabot vulnerability alerts are enabled',
      disabled: 'Dependabot vulnerability alerts are disabled',
    },
  },
  async run(ctx) {
    return eachRepo(ctx, async (repo) => {
      const enabled = await ctx.github.vulnerabilityAlerts(repo.name);
      return enabled ? ctx.pass(repo.resource, 'enabled', { enabled }) : ctx.fail(repo.resource, 'disabled', { enabled });
    });
  },
});
