import type { SandboxToken } from './scenario.js';
import type { World } from './world.js';

/** What a REST route hands back; the server adds ETag, rate-limit and request-id headers. */
export interface RestAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RestContext {
  api: string;
  world: World;
  token: SandboxToken | null;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The request URL, its path relative to the API base, for Link headers. */
  url: URL;
}

export interface Route {
  /** `/repos/{owner}/{repo}/branches/{branch+}`: `+` takes the rest of the path, slashes included. */
  template: string;
  docs: string;
  handle(ctx: RestContext): RestAnswer;
}

/** A path parameter of the matched route: its template declares it, so a missing one is a route-table bug. */
export function param(ctx: RestContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`route has no {${name}} parameter`);
  return value;
}

const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: `{ message, documentation_url, status }`. */
export function error(status: number, message: string, docs = DOCS, headers?: Record<string, string>): RestAnswer {
  return { status, body: { message, documentation_url: docs, status: String(status) }, headers };
}

export const notFound = (docs?: string) => error(404, 'Not Found', docs);
export const ok = (body: unknown): RestAnswer => ({ status: 200, body });

/**
 * One page of `items` with GitHub's `Link` header: `per_page` (default 30,
 * at most 100) and `page` (from 1), rel next/last/first/prev as present;
 * `shape` renders only the items of the page.
 */
export function paginate<T>(ctx: RestContext, items: T[], shape: (item: T) => unknown = (item) => item): RestAnswer {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page')) || 30));
  const page = Math.max(1, Number(ctx.query.get('page')) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(ctx.query);
    q.set('per_page', String(perPage));
    q.set('page', String(p));
    return `<${ctx.api}${ctx.url.pathname}?${q.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage).map(shape),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

/** Compiles a route template into a matcher of the path (already stripped of the API base). */
export function compile(template: string): (path: string) => Record<string, string> | null {
  const names: string[] = [];
  const source = template.replace(/\{(\w+)(\+?)\}/g, (_m, name: string, rest: string) => {
    names.push(name);
    return rest ? '(.+)' : '([^/]+)';
  });
  const re = new RegExp(`^${source}/?$`);
  return (path) => {
    const m = re.exec(path);
    if (!m) return null;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
  };
}
