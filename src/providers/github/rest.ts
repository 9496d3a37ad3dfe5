import { expectShape } from '../../core/answer-shape.js';
import { FactError, type CallRecorder } from '../../core/facts.js';
import { answerSchema } from './answers.js';
import type { GithubClient } from './client.js';

export const PER_PAGE = 100;

type Params = Record<string, string | number | boolean | undefined>;

/** The origin of the API the client was configured with: the only one it may talk to. */
export function apiOrigin(client: GithubClient): string {
  return new URL(client.request.endpoint.DEFAULTS.baseUrl).origin;
}

/** One REST GET, recorded as one call, its answer checked against the route's documented shape. */
export async function getOne<T>(rec: CallRecorder, client: GithubClient, route: string, params: Params, target?: string): Promise<T> {
  const response = await rec.call({ operation: route, target }, (signal) => client.request(route, { ...params, request: { signal } }));
  return expectShape<T>(route, answerSchema(route), response.data);
}

/** The `next` URL of a `Link` header, if any. */
export function nextLink(link: string | undefined): string | undefined {
  return link
    ?.split(',')
    .map((part) => /<([^>]+)>\s*;\s*rel="next"/.exec(part)?.[1])
    .find(Boolean);
}

/**
 * A `rel="next"` is followed only on the configured API's origin: the request
 * carries the token, and a Link header is the answer's to write.
 */
function sameOrigin(route: string, next: string, origin: string): string {
  let host: string;
  try {
    const url = new URL(next, origin);
    if (url.origin === origin) return url.href;
    host = url.host;
  } catch {
    host = next.slice(0, 80);
  }
  throw new FactError({
    kind: 'malformed',
    message: `${route}: the Link to the next page names ${host}, outside the API ${origin}: not followed`,
  });
}

/**
 * Every page of a list, at the largest page size, following `Link: rel="next"`.
 * Each page is its own call record (its own status, request id, 304 or not)
 * and is checked to be the documented list before its items are kept.
 */
export async function getAll<T>(
  rec: CallRecorder,
  client: GithubClient,
  route: string,
  params: Params,
  options: { target?: string } = {},
): Promise<T[]> {
  const schema = answerSchema(route);
  const origin = apiOrigin(client);
  const items: T[] = [];
  let response = await rec.call({ operation: route, target: options.target }, (signal) =>
    client.request(route, { ...params, per_page: PER_PAGE, request: { signal } }),
  );
  items.push(...expectShape<T[]>(route, schema, response.data));
  for (let next = nextLink(response.headers.link); next; next = nextLink(response.headers.link)) {
    const url = sameOrigin(route, next, origin);
    response = await rec.call({ operation: route, target: options.target }, (signal) =>
      client.request({ method: 'GET', url, request: { signal } }),
    );
    items.push(...expectShape<T[]>(route, schema, response.data));
  }
  return items;
}
