import type { CallRecorder } from '../../core/facts.js';
import type { GithubClient } from './client.js';

export const PER_PAGE = 100;

type Params = Record<string, string | number | boolean | undefined>;

/** One REST GET, recorded as one call. `route` is Octokit's, e.g. `GET /orgs/{org}`. */
export async function getOne<T>(rec: CallRecorder, client: GithubClient, route: string, params: Params, target?: string): Promise<T> {
  const response = await rec.call({ operation: route, target }, () => client.request(route, params));
  return response.data as T;
}

/** The `next` URL of a `Link` header, if any. */
export function nextLink(link: string | undefined): string | undefined {
  return link?.split(',').map((part) => /<([^>]+)>\s*;\s*rel="next"/.exec(part)?.[1]).find(Boolean);
}

/**
 * Every page of a list, at the largest page size, following `Link: rel="next"`.
 * Each page is its own call record (its own status, request id, 304 or not).
 * Some list routes wrap the items (`{ total_count, repositories: [...] }`): `pick` unwraps.
 */
export async function getAll<T>(
  rec: CallRecorder,
  client: GithubClient,
  route: string,
  params: Params,
  options: { target?: string; pick?: (data: unknown) => T[] } = {},
): Promise<T[]> {
  const pick = options.pick ?? ((data: unknown) => data as T[]);
  const items: T[] = [];
  let response = await rec.call({ operation: route, target: options.target }, () => client.request(route, { ...params, per_page: PER_PAGE }));
  items.push(...pick(response.data));
  for (let next = nextLink(response.headers.link); next; next = nextLink(response.headers.link)) {
    const url = next;
    response = await rec.call({ operation: route, target: options.target }, () => client.request({ method: 'GET', url }));
    items.push(...pick(response.data));
  }
  return items;
}
