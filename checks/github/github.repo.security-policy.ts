import { defineCheck } from '../../src/core/check.js';
import { EMPTY_REPO, NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';

export default defineCheck({
  meta: {
    id: 'github.repo.security-policy',
    title: 'A security policy tells reporters how to disclose a vulnerability',
    provider: 'github',
    severity: 'low',
    description:
      "A SECURITY.md on the default branch, where GitHub looks for it (.github/, the root, docs/, in that order), or else the organisation's " +
      'default from its .github repository (same three places), which GitHub shows for every repository without its own, but only when that ' +
      '.github repository is public (private ones are not supported). A repository with neither fails; an empty repository is not applicable.',
    remediation:
      'Add SECURITY.md (how to report, what to expect) to the public .github repository of the organisation, or to the repository itself.',
    messages: {
      ...NO_REPOS,
      ...EMPTY_REPO,
      own: '{path} is published',
      inherited: "No SECURITY.md of its own; the organisation's .github/{orgPath} applies",
      none: 'No SECURITY.md in .github/, the root or docs/, and no organisation default ({orgPolicy})',
    },
  },
  async run(ctx) {
    return eachRepo(ctx, async (repo) => {
      const policy = await ctx.github.securityPolicy(repo.name);
      if (!policy) return ctx.notApplicable(repo.resource, 'empty');
      if (policy.path) return ctx.pass(repo.resource, 'own', { path: policy.path });
      const org = await ctx.github.orgSecurityPolicy();
      const orgPolicy =
        org.visibility === null
          ? 'no .github repository'
          : org.visibility !== 'PUBLIC'
            ? `the .github repository is ${org.visibility.toLowerCase()}`
            : org.path
              ? `.github/${org.path}`
              : 'none in the .github repository';
      if (org.visibility === 'PUBLIC' && org.path) return ctx.pass(repo.resource, 'inherited', { path: null, orgPath: org.path });
      return ctx.fail(repo.resource, 'none', { path: null, orgPolicy });
    });
  },
});
