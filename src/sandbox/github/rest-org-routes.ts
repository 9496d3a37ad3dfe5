import type { components } from '@octokit/openapi-types';
import { error, notFound, ok, paginate, param, type RestContext, type RestAnswer, type Route } from './rest-http.js';
import { hookShape, orgShape, repoShape, userId, userShape } from './rest-shapes.js';
import { isOrgAdmin, repoPermission, type OrgModel } from './world.js';

/** User and organisation routes: who the token is, org settings, members, repositories, hooks, Actions policy. */

const D = 'https://docs.github.com/rest';

function withOrg(ctx: RestContext, docs: string, then: (org: OrgModel) => RestAnswer): RestAnswer {
  const org = ctx.world.org(param(ctx, 'org'));
  return org ? then(org) : notFound(docs);
}

/**
 * Owner-only organisation routes, for an owner whose token has `scope`.
 * Webhooks are hidden from others with 404; settings such as the Actions
 * policy answer 403.
 */
function ownerOnly(ctx: RestContext, scope: string, denied: 403 | 404, docs: string, then: (org: OrgModel) => RestAnswer): RestAnswer {
  return withOrg(ctx, docs, (org) => {
    if (isOrgAdmin(ctx.token, scope)) return then(org);
    return denied === 404
      ? notFound(docs)
      : error(403, 'You must be an organization owner with the admin:org scope to access this resource.', docs);
  });
}

const outsideCollaborators = (org: OrgModel) => {
  const logins = new Map<string, string>();
  for (const repo of org.repos)
    for (const c of repo.spec.collaborators ?? []) if (!org.isMember(c.login)) logins.set(c.login.toLowerCase(), c.login);
  return [...logins.values()].sort();
};

export const orgRoutes: Route[] = [
  {
    template: '/user',
    docs: `${D}/users/users#get-the-authenticated-user`,
    handle: (ctx) => {
      if (!ctx.token) return error(401, 'Requires authentication', `${D}/users/users#get-the-authenticated-user`);
      const t = ctx.token;
      return ok({
        ...userShape(ctx.api, t.login, t.userId),
        name: t.login,
        company: null,
        blog: '',
        location: null,
        email: null,
        hireable: null,
        bio: null,
        twitter_username: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: '2020-01-01T00:00:00Z',
        updated_at: '2020-01-01T00:00:00Z',
      });
    },
  },
  {
    template: '/orgs/{org}',
    docs: `${D}/orgs/orgs#get-an-organization`,
    handle: (ctx) => withOrg(ctx, `${D}/orgs/orgs#get-an-organization`, (org) => ok(orgShape(ctx.api, org, isOrgAdmin(ctx.token)))),
  },
  {
    template: '/orgs/{org}/members',
    docs: `${D}/orgs/members#list-organization-members`,
    handle: (ctx) =>
      withOrg(ctx, `${D}/orgs/members#list-organization-members`, (org) => {
        const filter = ctx.query.get('filter') ?? 'all';
        const role = ctx.query.get('role') ?? 'all';
        if (!['all', '2fa_disabled', '2fa_insecure'].includes(filter) || !['all', 'admin', 'member'].includes(role)) {
          return error(422, 'Validation Failed', `${D}/orgs/members#list-organization-members`);
        }
        // Without a token only public members show; the sandbox's members are all concealed.
        if (!ctx.token) return paginate(ctx, []);
        if (filter !== 'all' && !isOrgAdmin(ctx.token, 'read:org')) {
          return error(
            422,
            'Only organization owners can filter by two-factor authentication status.',
            `${D}/orgs/members#list-organization-members`,
          );
        }
        const listed = (m: { two_factor: boolean; two_factor_insecure: boolean }) =>
          filter === 'all' || (filter === '2fa_disabled' ? !m.two_factor : m.two_factor && m.two_factor_insecure);
        const members = org.members.filter((m) => (role === 'all' || m.role === role) && listed(m));
        return paginate(ctx, members, (m) => userShape(ctx.api, m.login, userId(m.login)));
      }),
  },
  {
    template: '/orgs/{org}/outside_collaborators',
    docs: `${D}/orgs/outside-collaborators#list-outside-collaborators-for-an-organization`,
    handle: (ctx) =>
      withOrg(ctx, `${D}/orgs/outside-collaborators`, (org) => {
        const docs = `${D}/orgs/outside-collaborators#list-outside-collaborators-for-an-organization`;
        if (!ctx.token) return error(401, 'Requires authentication', docs);
        const filter = ctx.query.get('filter') ?? 'all';
        if (!['all', '2fa_disabled', '2fa_insecure'].includes(filter)) return error(422, 'Validation Failed', docs);
        if (filter !== 'all' && !isOrgAdmin(ctx.token, 'read:org'))
          return error(403, 'Must be an organization owner to filter by two-factor authentication status.', docs);
        const state = new Map((org.spec.outside_collaborators ?? []).map((c) => [c.login.toLowerCase(), c]));
        const listed = (login: string) => {
          const c = state.get(login.toLowerCase());
          const on = c?.two_factor ?? true;
          return filter === 'all' || (filter === '2fa_disabled' ? !on : on && (c?.two_factor_insecure ?? false));
        };
        return paginate(
          ctx,
          outsideCollaborators(org)
            .filter(listed)
            .map((login) => userShape(ctx.api, login, userId(login))),
        );
      }),
  },
  {
    template: '/orgs/{org}/repos',
    docs: `${D}/repos/repos#list-organization-repositories`,
    handle: (ctx) =>
      withOrg(ctx, `${D}/repos/repos#list-organization-repositories`, (org) => {
        const type = ctx.query.get('type') ?? 'all';
        const wanted: Record<string, (v: string, fork: boolean) => boolean> = {
          all: () => true,
          public: (v) => v === 'public',
          private: (v) => v !== 'public',
          forks: (_v, f) => f,
          sources: (_v, f) => !f,
          member: () => true,
        };
        const kind = wanted[type];
        if (!kind) return error(422, 'Validation Failed', `${D}/repos/repos#list-organization-repositories`);
        const visible = org.repos.filter((r) => repoPermission(ctx.token, r) !== null && kind(r.visibility, r.spec.fork ?? false));
        // GitHub's default order for an organisation is by creation time; names break ties here.
        const sort = ctx.query.get('sort') ?? 'created';
        const sorted = sort === 'full_name' ? [...visible].sort((a, b) => a.name.localeCompare(b.name)) : visible;
        const direction = ctx.query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc');
        const ordered = (sort === 'full_name') === (direction === 'asc') ? sorted : [...sorted].reverse();
        return paginate(ctx, ordered, (r) => repoShape(ctx.api, r, ctx.token) as components['schemas']['minimal-repository']);
      }),
  },
  {
    template: '/orgs/{org}/hooks',
    docs: `${D}/orgs/webhooks#list-organization-webhooks`,
    handle: (ctx) =>
      ownerOnly(ctx, 'admin:org_hook', 404, `${D}/orgs/webhooks#list-organization-webhooks`, (org) =>
        paginate(
          ctx,
          org.hooks.map((h) => hookShape(ctx.api, `/orgs/${org.login}`, h)),
        ),
      ),
  },
  {
    template: '/orgs/{org}/actions/permissions',
    docs: `${D}/actions/permissions#get-github-actions-permissions-for-an-organization`,
    handle: (ctx) =>
      ownerOnly(ctx, 'admin:org', 403, `${D}/actions/permissions#get-github-actions-permissions-for-an-organization`, (org) => {
        const a = org.spec.actions ?? {};
        const body: components['schemas']['actions-organization-permissions'] = {
          enabled_repositories: a.enabled_repositories ?? 'all',
          allowed_actions: a.allowed_actions ?? 'all',
          sha_pinning_required: false,
        };
        if (body.enabled_repositories === 'selected')
          body.selected_repositories_url = `${ctx.api}/orgs/${org.login}/actions/permissions/repositories`;
        if (body.allowed_actions === 'selected')
          body.selected_actions_url = `${ctx.api}/orgs/${org.login}/actions/permissions/selected-actions`;
        return ok(body);
      }),
  },
  {
    template: '/orgs/{org}/actions/permissions/selected-actions',
    docs: `${D}/actions/permissions#get-allowed-actions-and-reusable-workflows-for-an-organization`,
    handle: (ctx) =>
      ownerOnly(ctx, 'admin:org', 403, `${D}/actions/permissions#get-allowed-actions-and-reusable-workflows-for-an-organization`, (org) => {
        // The list is meaningful only under allowed_actions "selected" (GitHub's documented precondition); the sandbox answers 409 otherwise.
        if ((org.spec.actions?.allowed_actions ?? 'all') !== 'selected') {
          return error(
            409,
            'The allowed actions policy is not set to selected.',
            `${D}/actions/permissions#get-allowed-actions-and-reusable-workflows-for-an-organization`,
          );
        }
        const selected = org.spec.actions?.selected_actions ?? {};
        const body: components['schemas']['selected-actions'] = {
          github_owned_allowed: selected.github_owned_allowed ?? true,
          verified_allowed: selected.verified_allowed ?? false,
          patterns_allowed: selected.patterns_allowed ?? [],
        };
        return ok(body);
      }),
  },
  {
    template: '/orgs/{org}/actions/permissions/workflow',
    docs: `${D}/actions/permissions#get-default-workflow-permissions-for-an-organization`,
    handle: (ctx) =>
      ownerOnly(ctx, 'admin:org', 403, `${D}/actions/permissions#get-default-workflow-permissions-for-an-organization`, (org) => {
        const body: components['schemas']['actions-get-default-workflow-permissions'] = {
          default_workflow_permissions: org.spec.actions?.default_workflow_permissions ?? 'read',
          can_approve_pull_request_reviews: org.spec.actions?.can_approve_pull_request_reviews ?? false,
        };
        return ok(body);
      }),
  },
];
