import { FactError } from '../../core/facts.js';

/**
 * Follows a `NextToken`-style cursor to the end: one logged call per page.
 * A token that comes back a second time would loop for ever: it is a
 * malformed answer, never the end of the list.
 */
export async function tokenPages<P>(
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
    if (token !== undefined && seen.has(token)) {
      throw new FactError({
        kind: 'malformed',
        message: `${operation}: malformed answer: the page token repeats`,
        code: 'MalformedAnswer',
      });
    }
    if (token !== undefined) seen.add(token);
  } while (token !== undefined);
  return pages;
}
