/** Where GitHub's APIs live, for github.com, GitHub Enterprise Server and any compatible endpoint. */

export const DEFAULT_API_URL = 'https://api.github.com';

/** The REST base URL without a trailing slash. */
export function restBaseUrl(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, '');
}

/**
 * GraphQL sits beside REST: api.github.com/graphql on github.com, but
 * `/api/graphql` beside `/api/v3` on GitHub Enterprise Server.
 */
export function graphqlUrl(apiUrl: string): string {
  const base = restBaseUrl(apiUrl);
  if (/\/api\/v3$/.test(base)) return base.replace(/\/api\/v3$/, '/api/graphql');
  return `${base}/graphql`;
}
