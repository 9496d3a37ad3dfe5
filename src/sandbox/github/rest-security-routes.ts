import { error, notFound, ok, paginate, type RestAnswer, type RestContext, type Route } from './rest-http.js';
import {
  analysisShape,
  codeScanningAlertShape,
  defaultSetupShape,
  dependabotAlertShape,
  secretScanningAlertShape,
} from './rest-security-shapes.js';
import type { AlertSpec, SandboxToken } from './scenario.js';
import { hasScope, repoPermission, type OrgModel, type RepoModel } from './world.js';

/**
 * Security routes: the organisation-level alert lists (owners and security
 * managers only), and a repository's code-scanning default setup and
 * analyses. What a token without the role or scope gets follows the
 * operations' documented answers: Dependabot 403, code and secret scanning
 * 404 (they list no 403).
 */

const D = 'https://docs.github.com/rest';

type Kind = 'dependabot' | 'code_scanning' | 'secret_scanning';
type Shape = (api: string, repo: RepoModel, a: AlertSpec, n: number, t: SandboxToken | null, hideSecret: boolean) => unknown;

const OPEN_STATES: Record<Kind, string[]> = {
  dependabot: ['auto_dismissed', 'dismissed', 'fixed', 'open'],
  code_scanning: ['open', 'closed', 'dismissed', 'fixed'],
  secret_scanning: ['open', 'resolved'],
};

/** The organisation's alerts of one kind, oldest repository first, numbered per repository from 1. */
function alertsOf(org: OrgModel, kind: Kind, token: SandboxToken | null) {
  return org.repos
    .filter((r) => !r.archived && repoPermission(token, r) !== null)
    .flatMap((repo) => (repo.spec.alerts?.[kind] ?? []).map((alert, i) => ({ repo, alert, number: i + 1 })));
}

/**
 * Dependabot's organisation list pages by cursor (`after`, `before`), not
 * `page`: its Link header carries the cursor of the next page.
 */
function cursorPage<T>(ctx: RestContext, items: T[], shape: (item: T) => unknown): RestAnswer {
  if (ctx.query.has('page')) return error(400, 'Pagination using the `page` parameter is not supported.', `${D}/dependabot/alerts`);
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page')) || 30));
  const after = ctx.query.get('after');
  const start = after
    ? Number(
        Buffer.from(after, 'base64url')
          .toString()
          .replace(/^cursor:/, ''),
      )
    : 0;
  if (!Number.isInteger(start) || start < 0) return error(422, 'Invalid cursor.', `${D}/dependabot/alerts`);
  const page = items.slice(start, start + perPage);
  const headers: Record<string, string> = {};
  if (start + perPage < items.length) {
    const q = new URLSearchParams(ctx.query);
    q.set('per_page', String(perPage));
    q.set('after', Buffer.from(`cursor:${start + perPage}`).toString('base64url'));
    headers.link = `<${ctx.api}${ctx.url.pathname}?${q.toString()}>; rel="next"`;
  }
  return { status: 200, body: page.map(shape), headers };
}

function alertRoute(kind: Kind, path: string, docs: string, scopes: string[], deniedStatus: 403 | 404, shape: Shape): Route {
  return {
    template: `/orgs/{org}/${path}/alerts`,
    docs,
    handle: (ctx) => {
      const org = ctx.world.org(ctx.params.org ?? '');
      if (!org) return notFound(docs);
      // Owners stand in for security managers: the sandbox has no separate role.
      const allowed = !!ctx.token && ctx.token.owner && scopes.some((s) => hasScope(ctx.token, s));
      if (!allowed)
        return deniedStatus === 403
          ? error(403, 'You must be an organization owner or security manager, with the security_events scope, to list these alerts.', docs)
          : notFound(docs);
      const states = (ctx.query.get('state') ?? '').split(',').filter(Boolean);
      if (states.some((s) => !OPEN_STATES[kind].includes(s))) return error(422, 'Validation Failed', docs);
      const listed = alertsOf(org, kind, ctx.token).filter(({ alert }) => !states.length || states.includes(alert.state ?? 'open'));
      // GitHub lists newest first.
      listed.sort((a, b) => b.alert.created_at.localeCompare(a.alert.created_at));
      const hideSecret = ctx.query.get('hide_secret') === 'true';
      const render = (x: (typeof listed)[number]) => shape(ctx.api, x.repo, x.alert, x.number, ctx.token, hideSecret);
      return kind === 'dependabot' ? cursorPage(ctx, listed, render) : paginate(ctx, listed, render);
    },
  };
}

function withCodeScanning(ctx: RestContext, docs: string, then: (repo: RepoModel) => RestAnswer): RestAnswer {
  const repo = ctx.world.org(ctx.params.owner ?? '')?.repo(ctx.params.repo ?? '');
  if (!repo || repoPermission(ctx.token, repo) === null) return notFound(docs);
  if ((repo.spec.code_scanning?.default_setup ?? 'not-configured') === 'unavailable')
    return error(403, 'Advanced Security must be enabled for this repository to use code scanning.', docs);
  return then(repo);
}

export const securityRoutes: Route[] = [
  alertRoute(
    'dependabot',
    'dependabot',
    `${D}/dependabot/alerts#list-dependabot-alerts-for-an-organization`,
    ['security_events'],
    403,
    dependabotAlertShape,
  ),
  alertRoute(
    'code_scanning',
    'code-scanning',
    `${D}/code-scanning/code-scanning#list-code-scanning-alerts-for-an-organization`,
    ['security_events', 'repo'],
    404,
    codeScanningAlertShape,
  ),
  alertRoute(
    'secret_scanning',
    'secret-scanning',
    `${D}/secret-scanning/secret-scanning#list-secret-scanning-alerts-for-an-organization`,
    ['repo', 'security_events'],
    404,
    secretScanningAlertShape,
  ),
  {
    template: '/repos/{owner}/{repo}/code-scanning/default-setup',
    docs: `${D}/code-scanning/code-scanning#get-a-code-scanning-default-setup-configuration`,
    handle: (ctx) =>
      withCodeScanning(ctx, `${D}/code-scanning/code-scanning#get-a-code-scanning-default-setup-configuration`, (repo) =>
        hasScope(ctx.token, repo.visibility === 'public' ? 'public_repo' : 'repo')
          ? ok(defaultSetupShape(repo.spec.code_scanning?.default_setup === 'configured' ? 'configured' : 'not-configured'))
          : error(403, 'Resource not accessible by personal access token', `${D}/code-scanning/code-scanning`),
      ),
  },
  {
    template: '/repos/{owner}/{repo}/code-scanning/analyses',
    docs: `${D}/code-scanning/code-scanning#list-code-scanning-analyses-for-a-repository`,
    handle: (ctx) =>
      withCodeScanning(ctx, `${D}/code-scanning/code-scanning#list-code-scanning-analyses-for-a-repository`, (repo) => {
        const docs = `${D}/code-scanning/code-scanning#list-code-scanning-analyses-for-a-repository`;
        if (!hasScope(ctx.token, 'security_events') && !(repo.visibility === 'public' && hasScope(ctx.token, 'public_repo')))
          return error(403, 'Resource not accessible by personal access token', docs);
        const ref = ctx.query.get('ref');
        const all = (repo.spec.code_scanning?.analyses ?? [])
          .map((a, i) => analysisShape(ctx.api, repo, a, repo.id * 1000 + i + 1))
          .filter((a) => !ref || a.ref === ref || a.ref === `refs/heads/${ref}`)
          .sort((a, b) => b.created_at.localeCompare(a.created_at));
        // GitHub answers 404 rather than an empty list when there is no analysis.
        if (!all.length) return error(404, 'no analysis found', docs);
        return paginate(ctx, all);
      }),
  },
];
