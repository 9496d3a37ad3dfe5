import picomatch from 'picomatch';
import { defineCheck } from '../../src/core/check.js';
import { combine, sourcesOf } from '../../src/judging/github/branch-policy.js';
import { EMPTY_REPO, NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';

export default defineCheck({
  meta: {
    id: 'github.repo.security-checks',
    title: 'A security test is a required status check on the default branch',
    provider: 'github',
    severity: 'medium',
    description:
      'Security testing in development is evidenced only when a security test must pass before a change merges: a required status check (classic ' +
      'protection or an active ruleset, as github.repo.status-checks reads them) whose context matches one of securityChecks (globs, case-sensitive, ' +
      'as GitHub compares contexts). The default names common security scanners; set it to the contexts your security tests report.',
    remediation:
      'Run a security test (code scanning, dependency review, secret or SAST scan) on pull requests and add its check to the required status checks of the default branch.',
    messages: {
      ...NO_REPOS,
      ...EMPTY_REPO,
      required: '{branch} requires the security check(s) {found}',
      none: '{branch} requires no security check (required: {checks}; security checks are {securityChecks})',
    },
    settings: {
      securityChecks: {
        type: 'string[]',
        default: ['CodeQL', 'codeql', 'Analyze (*)', 'dependency-review', 'semgrep*', 'snyk*', 'trivy*', 'gitleaks*'],
        description: 'Status check contexts (globs) that are security tests.',
      },
    },
  },
  async run(ctx) {
    const isSecurity = picomatch(ctx.settings.securityChecks);
    return eachRepo(ctx, async (repo) => {
      const rules = await ctx.github.branchRules(repo.name);
      if (!rules) return ctx.notApplicable(repo.resource, 'empty');
      const checks = combine(sourcesOf(rules)).statusChecks;
      const found = checks.filter((c) => isSecurity(c));
      const observed = { branch: rules.branch, checks, securityChecks: ctx.settings.securityChecks, found };
      return found.length > 0 ? ctx.pass(repo.resource, 'required', observed) : ctx.fail(repo.resource, 'none', observed);
    });
  },
});
