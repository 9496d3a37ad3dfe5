import { defineCheck } from '../../src/core/check.js';
import { NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';
import { PERMISSIONS } from '../../src/judging/github/permissions.js';

export default defineCheck({
  meta: {
    id: 'github.repo.secret-scanning',
    title: 'Secret scanning and push protection are enabled',
    provider: 'github',
    severity: 'high',
    description: 'Secret scanning finds credentials committed to the repository; push protection rejects pushes that contain them.',
    remediation:
      'Repository settings → Code security: enable secret scanning and push protection (or apply an organisation security configuration).',
    messages: {
      ...NO_REPOS,
      enabled: 'Secret scanning and push protection are enabled',
      disabled: 'Secret scanning is {secretScanning}, push protection is {pushProtection}',
    },
  },
  async run(ctx) {
    return eachRepo(ctx, async (repo) => {
      const sa = repo.securityAndAnalysis;
      // GitHub leaves security_and_analysis out of the list for those who may not administer the repository.
      if (!sa)
        return ctx.missing(
          repo.resource,
          `security_and_analysis of ${repo.fullName} is hidden from this token (needs ${PERMISSIONS.securityAnalysis})`,
          { permission: PERMISSIONS.securityAnalysis },
        );
      const observed = {
        secretScanning: sa.secret_scanning ?? 'unavailable',
        pushProtection: sa.secret_scanning_push_protection ?? 'unavailable',
      };
      const on = observed.secretScanning === 'enabled' && observed.pushProtection === 'enabled';
      return on ? ctx.pass(repo.resource, 'enabled', observed) : ctx.fail(repo.resource, 'disabled', observed);
    });
  },
});
