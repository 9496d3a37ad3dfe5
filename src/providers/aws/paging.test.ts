import { describe, expect, it } from 'vitest';
import { allPages } from './paging.js';

describe('allPages', () => {
  it('follows the token to the last page, one call per page', async () => {
    const next: Record<string, string | undefined> = { '': 'b', b: 'c', c: '' };
    const asked: (string | undefined)[] = [];
    const pages = await allPages(
      'svc:List',
      async (token) => {
        asked.push(token);
        return { at: token ?? '', next: next[token ?? ''] };
      },
      (page) => page.next,
    );
    expect(pages.map((p) => p.at)).toEqual(['', 'b', 'c']);
    expect(asked).toEqual([undefined, 'b', 'c']);
  });

  it('a token that comes back twice is a malformed answer, not the end', async () => {
    const next: Record<string, string> = { '': 'a', a: 'b', b: 'a' };
    await expect(
      allPages(
        'svc:List',
        async (token) => ({ next: next[token ?? ''] }),
        (page) => page.next,
      ),
    ).rejects.toMatchObject({ kind: 'malformed', code: 'MalformedAnswer', message: 'svc:List: malformed answer: the page token repeats' });
  });
});
