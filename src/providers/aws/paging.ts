import { FactError } from '../../core/facts.js';

/**
 * Follows a service's next-page token to the end, one call per page. A token
 * the service hands back twice would loop forever: that answer is malformed,
 * never the end of the list.
 */
export async function allPages<P>(
  operation: string,
  fetch: (token: string | undefined) => Promise<P>,
  nextOf: (page: P) => string | undefined,
): Promise<P[]> {
  const pages: P[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await fetch(token);
    pages.push(page);
    token = nextOf(page) || undefined;
    if (token !== undefined) {
      if (seen.has(token)) {
        throw new FactError({
          kind: 'malformed',
          message: `${operation}: malformed answer: the page token repeats`,
          code: 'MalformedAnswer',
        });
      }
      seen.add(token);
    }
  } while (token !== undefined);
  return pages;
}
