import type { components } from '@octokit/openapi-types';
import { error, notFound, ok, paginate, param, type RestAnswer, type RestContext, type Route } from './rest-http.js';
import { contentFileShape, deployKeyShape, protectionShape, rulesetShape, rulesOf } from './rest-repo-shapes.js';
import { hookShape, repoShape, userId, userShape } from './rest-shapes.js';
import { permits } from './scenario.js';
import { isRepoAdmin, protectionFor, repoPermission, rulesetCovers, type RepoModel } from './world.js';

/** Repository routes: the repository, its protection, rulesets, alerts, hooks, keys, collaborators and files. */

const D = 'https://docs.github.com/rest';

/** 404 for a repository the token cannot see, exactly as for one that does not exist. */
function withRepo(ctx: RestContext, docs: string, then: (repo: RepoModel) => RestAnswer): RestAnswer {
  const repo = ctx.world.org(param(ctx, 'owner'))?.repo(param(ctx, 'repo'));
  if (!repo || repoPermission(ctx.token, repo) === null) return notFound(docs);
  return then(repo);
}

/** Admin-only routes: a token without admin gets the status its scenario gives (GitHub hides them with 404, or says 403). */
function adminOnly(ctx: RestContext, docs: string, then: (repo: RepoModel) => RestAnswer): RestAnswer {
  return withRepo(ctx, docs, (repo) => {
    if (isRepoAdmin(ctx.token, repo)) return then(repo);
    return ctx.token?.deniedStatus === 403 ? error(403, 'Must have admin rights to Repository.', docs) : notFound(docs);
  });
}

/** The files under a directory of the repository, as the contents API lists them. */
function listDirectory(ctx: RestContext, repo: RepoModel, dir: string): RestAnswer | undefined {
  const prefix = dir ? `${dir}/` : '';
  const names = new Map<string, 'file' | 'dir'>();
  for (const path of repo.files.keys()) {
    if (!path.startsWith(prefix)) continue;
    const [head = '', ...rest] = path.slice(prefix.length).split('/');
    names.set(head, rest.length ? 'dir' : 'file');
  }
  if (!names.size && dir) return undefined;
  return ok(
    [...names].sort().map(([name, type]) => {
      const path = `${prefix}${name}`;
      const file = type === 'file' ? contentFileShape(ctx.api, repo, path, repo.files.get(path) ?? '') : undefined;
      return {
        type,
        name,
        path,
        sha: file?.sha ?? '0'.repeat(40),
        size: file?.size ?? 0,
        url: `${ctx.api}/repos/${repo.fullName}/contents/${path}`,
        git_url: file?.git_url ?? null,
        html_url: file?.html_url ?? null,
        download_url: file?.download_url ?? null,
        _links: file?._links ?? { git: null, html: null, self: `${ctx.api}/repos/${repo.fullName}/contents/${path}` },
      };
    }),
  );
}

export const repoRoutes: Route[] = [
  {
    template: '/repos/{owner}/{repo}',
    docs: `${D}/repos/repos#get-a-repository`,
    handle: (ctx) => withRepo(ctx, `${D}/repos/repos#get-a-repository`, (repo) => ok(repoShape(ctx.api, repo, ctx.token))),
  },
  {
    template: '/repos/{owner}/{repo}/branches',
    docs: `${D}/branches/branches#list-branches`,
    handle: (ctx) =>
      withRepo(ctx, `${D}/branches/branches#list-branches`, (repo) =>
        paginate(
          ctx,
          repo.branches.map((name) => ({
            name,
            commit: { sha: 'f'.repeat(40), url: `${ctx.api}/repos/${repo.fullName}/commits/${'f'.repeat(40)}` },
            protected:
              !!protectionFor(repo, name) ||
              repo.rulesets.some((r) => (r.enforcement ?? 'active') === 'active' && rulesetCovers(r, repo, name)),
          })),
        ),
      ),
  },
  {
    template: '/repos/{owner}/{repo}/branches/{branch+}/protection',
    docs: `${D}/branches/branch-protection#get-branch-protection`,
    handle: (ctx) =>
      adminOnly(ctx, `${D}/branches/branch-protection#get-branch-protection`, (repo) => {
        const branch = param(ctx, 'branch');
        if (!repo.branches.includes(branch)) return error(404, 'Branch not found', `${D}/branches/branch-protection#get-branch-protection`);
        const p = protectionFor(repo, branch);
        return p
          ? ok(protectionShape(ctx.api, repo, branch, p))
          : error(404, 'Branch not protected', `${D}/branches/branch-protection#get-branch-protection`);
      }),
  },
  {
    template: '/repos/{owner}/{repo}/rulesets',
    docs: `${D}/repos/rules#get-all-repository-rulesets`,
    handle: (ctx) =>
      withRepo(ctx, `${D}/repos/rules#get-all-repository-rulesets`, (repo) =>
        paginate(
          ctx,
          repo.rulesets.map((rs) => rulesetShape(ctx.api, repo, rs, isRepoAdmin(ctx.token, repo), false)),
        ),
      ),
  },
  {
    template: '/repos/{owner}/{repo}/rulesets/{id}',
    docs: `${D}/repos/rules#get-a-repository-ruleset`,
    handle: (ctx) =>
      withRepo(ctx, `${D}/repos/rules#get-a-repository-ruleset`, (repo) => {
        const rs = repo.rulesets.find((r) => String(r.id) === ctx.params.id);
        return rs
          ? ok(rulesetShape(ctx.api, repo, rs, isRepoAdmin(ctx.token, repo), true))
          : notFound(`${D}/repos/rules#get-a-repository-ruleset`);
      }),
  },
  {
    template: '/repos/{owner}/{repo}/rules/branches/{branch+}',
    docs: `${D}/repos/rules#get-rules-for-a-branch`,
    handle: (ctx) =>
      withRepo(ctx, `${D}/repos/rules#get-rules-for-a-branch`, (repo) => {
        const active = repo.rulesets.filter(
          (rs) => (rs.enforcement ?? 'active') === 'active' && rulesetCovers(rs, repo, param(ctx, 'branch')),
        );
        return paginate(
          ctx,
          active.flatMap((rs) =>
            rulesOf(rs).map((rule) => ({ ...rule, ruleset_source_type: 'Repository', ruleset_source: repo.fullName, ruleset_id: rs.id })),
          ),
        );
      }),
  },
  {
    template: '/repos/{owner}/{repo}/vulnerability-alerts',
    docs: `${D}/repos/repos#check-if-vulnerability-alerts-are-enabled-for-a-repository`,
    handle: (ctx) =>
      adminOnly(ctx, `${D}/repos/repos#check-if-vulnerability-alerts-are-enabled-for-a-repository`, (repo) =>
        repo.spec.vulnerability_alerts
          ? { status: 204 }
          : notFound(`${D}/repos/repos#check-if-vulnerability-alerts-are-enabled-for-a-repository`),
      ),
  },
  {
    template: '/repos/{owner}/{repo}/hooks',
    docs: `${D}/repos/webhooks#list-repository-webhooks`,
    handle: (ctx) =>
      adminOnly(ctx, `${D}/repos/webhooks#list-repository-webhooks`, (repo) =>
        paginate(
          ctx,
          repo.hooks.map((h) => hookShape(ctx.api, `/repos/${repo.fullName}`, h)),
        ),
      ),
  },
  {
    template: '/repos/{owner}/{repo}/keys',
    docs: `${D}/deploy-keys/deploy-keys#list-deploy-keys`,
    handle: (ctx) =>
      adminOnly(ctx, `${D}/deploy-keys/deploy-keys#list-deploy-keys`, (repo) =>
        paginate(
          ctx,
          repo.keys.map((k) => deployKeyShape(ctx.api, repo, k)),
        ),
      ),
  },
  {
    template: '/repos/{owner}/{repo}/collaborators',
    docs: `${D}/collaborators/collaborators#list-repository-collaborators`,
    handle: (ctx) =>
      withRepo(ctx, `${D}/collaborators/collaborators#list-repository-collaborators`, (repo) => {
        if (!permits(repoPermission(ctx.token, repo), 'write')) {
          return error(
            403,
            'Must have push access to view repository collaborators.',
            `${D}/collaborators/collaborators#list-repository-collaborators`,
          );
        }
        const affiliation = ctx.query.get('affiliation') ?? 'all';
        if (!['all', 'direct', 'outside'].includes(affiliation)) return error(422, 'Validation Failed', `${D}/collaborators/collaborators`);
        const people = (repo.spec.collaborators ?? []).filter((c) => affiliation !== 'outside' || !repo.org.isMember(c.login));
        const roleName = { admin: 'admin', maintain: 'maintain', write: 'write', triage: 'triage', read: 'read' } as const;
        return paginate(
          ctx,
          people.map((c): components['schemas']['collaborator'] => ({
            ...userShape(ctx.api, c.login, userId(c.login)),
            permissions: {
              pull: true,
              triage: permits(c.permission, 'triage'),
              push: permits(c.permission, 'write'),
              maintain: permits(c.permission, 'maintain'),
              admin: c.permission === 'admin',
            },
            role_name: roleName[c.permission],
          })),
        );
      }),
  },
  {
    template: '/repos/{owner}/{repo}/contents',
    docs: `${D}/repos/contents#get-repository-content`,
    handle: (ctx) => withRepo(ctx, `${D}/repos/contents#get-repository-content`, (repo) => listDirectory(ctx, repo, '') ?? notFound()),
  },
  {
    template: '/repos/{owner}/{repo}/contents/{path+}',
    docs: `${D}/repos/contents#get-repository-content`,
    handle: (ctx) =>
      withRepo(ctx, `${D}/repos/contents#get-repository-content`, (repo) => {
        const ref = ctx.query.get('ref');
        if (ref && !repo.branches.includes(ref) && ref !== repo.defaultBranch)
          return error(404, `No commit found for the ref ${ref}`, `${D}/repos/contents#get-repository-content`);
        const path = param(ctx, 'path').replace(/\/$/, '');
        const text = repo.files.get(path);
        if (text !== undefined) return ok(contentFileShape(ctx.api, repo, path, text));
        return listDirectory(ctx, repo, path) ?? notFound(`${D}/repos/contents#get-repository-content`);
      }),
  },
];
