import { defineCheck } from '../../src/core/check.js';
import { PERMISSIONS } from '../../src/judging/github/permissions.js';
import type { MemberRepoPrivileges } from '../../src/providers/github/types.js';

/**
 * Whether members may create public repositories. `members_can_create_repositories: false` stops all member creation;
 * the closing-down `members_allowed_repository_creation_type` overrides it ("all" allows public ones, "private"/"none" do not).
 * Fail closed: when the two disagree, or a field is absent, the permissive reading wins.
 */
function publicCreation(p: MemberRepoPrivileges): boolean {
  const byType = p.allowedCreationType === null ? null : p.allowedCreationType === 'all';
  const byFlags = p.createRepositories === false ? false : p.createPublic !== false;
  return byType === true || byFlags;
}

export default defineCheck({
  meta: {
    id: 'github.org.repository-creation',
    title: 'Members cannot publish, expose or delete repositories on their own',
    provider: 'github',
    severity: 'medium',
    description:
      'GET /orgs/{org} (owner view). Public creation: members_can_create_repositories false stops every member creation; otherwise ' +
      'members_can_create_public_repositories says whether members may create public ones. members_allowed_repository_creation_type ("all", ' +
      '"private", "none"; closing down, it ignores internal repositories) overrides members_can_create_repositories when set: "all" allows public ' +
      'creation. When the fields disagree, or one is absent, the permissive reading is taken. members_can_change_repo_visibility and ' +
      'members_can_delete_repositories must be false (only owners change visibility, delete or transfer). Set allowPublicCreation to accept ' +
      'member-created public repositories. GitHub shows these fields to owners only: for anyone else they are absent, which is an error.',
    remediation:
      'Organisation settings → Member privileges: clear "Public" under repository creation, and clear "Allow members to change repository ' +
      'visibilities" and "Allow members to delete or transfer repositories".',
    messages: {
      restricted: 'Members of {org} cannot create public repositories, change visibility or delete repositories',
      open: 'Members of {org}: {problems}',
    },
    settings: {
      allowPublicCreation: { type: 'boolean', default: false, description: 'Accept that members create public repositories.' },
    },
  },
  async run(ctx) {
    const r = ctx.target.resource;
    const org = r.replace(/^github:/, '');
    const p = (await ctx.github.orgSettings()).memberRepoPrivileges;
    if (!p)
      return [ctx.missing(r, `the member privileges of ${org} are shown to organisation owners only (needs ${PERMISSIONS.orgOwner})`)];
    const problems = [
      ...(publicCreation(p) && !ctx.settings.allowPublicCreation ? ['can create public repositories'] : []),
      ...(p.changeVisibility !== false
        ? [`can change repository visibility (members_can_change_repo_visibility: ${String(p.changeVisibility)})`]
        : []),
      ...(p.deleteRepositories !== false
        ? [`can delete or transfer repositories (members_can_delete_repositories: ${String(p.deleteRepositories)})`]
        : []),
    ];
    const observed = { org, ...p, allowPublicCreation: ctx.settings.allowPublicCreation };
    return [problems.length ? ctx.fail(r, 'open', { ...observed, problems }) : ctx.pass(r, 'restricted', observed)];
  },
});
