import { defineCheck } from '../../src/core/check.js';
import { EMPTY_REPO, NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';
import { judgeProtection } from '../../src/judging/github/branch-policy.js';
import { PERMISSIONS } from '../../src/judging/github/permissions.js';

export default defineCheck({
  meta: {
    id: 'github.repo.branch-protection',
    title: 'The default branch is protected',
    provider: 'github',
    severity: 'high',
    description:
      'Classic protection and active rulesets together: approved pull requests, stale approvals dismissed, no force push or deletion, and no one who may bypass. ' +
      'Any bypass actor defeats the source it bypasses, whatever its bypass mode (always, pull request, exempt): organisation admins, enterprise owners, ' +
      'deploy keys, any repository role, teams and apps on a ruleset; admins when "Do not allow bypassing the above settings" is off, and the actors of ' +
      "the classic rule's pull-request and force-push bypass allowances. An actor named in allowedBypassActors is accepted. A hidden bypass list is an " +
      'error when only that source would make the branch pass.',
    remediation:
      'Add a ruleset (or classic rule) on the default branch with those settings and an empty bypass list, or allow-list the bypass actors you accept.',
    messages: {
      ...NO_REPOS,
      ...EMPTY_REPO,
      protected: '{branch} is protected by {sources}',
      unprotected: '{branch} is not protected as required: {shortfalls}',
    },
    settings: {
      minApprovals: { type: 'integer', default: 1, description: 'Approvals a pull request needs.' },
      allowedBypassActors: {
        type: 'string[]',
        default: [],
        description:
          'Bypass actors accepted by name: OrganizationAdmin, EnterpriseOwner, DeployKey, RepositoryRole:<role>, Team:<slug>, App:<slug>, User:<login>.',
      },
    },
  },
  async run(ctx) {
    const { minApprovals, allowedBypassActors } = ctx.settings;
    return eachRepo(ctx, async (repo) => {
      const rules = await ctx.github.branchRules(repo.name);
      if (!rules) return ctx.notApplicable(repo.resource, 'empty');
      const verdict = judgeProtection(rules, minApprovals, allowedBypassActors);
      const observed = { branch: rules.branch, sources: verdict.sources, minApprovals };
      if (verdict.verdict === 'pass') return ctx.pass(repo.resource, 'protected', observed);
      if (verdict.verdict === 'unknown') {
        return ctx.missing(
          repo.resource,
          `who may bypass the rules on ${rules.branch} is hidden from this token (needs ${PERMISSIONS.repoAdmin})`,
          {
            ...observed,
            permission: PERMISSIONS.repoAdmin,
          },
        );
      }
      return ctx.fail(repo.resource, 'unprotected', { ...observed, shortfalls: verdict.shortfalls });
    });
  },
});
