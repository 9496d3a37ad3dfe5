import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_HEADER, EtagCache, cachingFetch, redactForCache } from './etag-cache.js';
import { nth } from '../../../test/helpers/nth.js';

/** A fake server: answers 304 when If-None-Match matches, and records what it was sent. */
function server(body: string, etag: string) {
  const seen: Headers[] = [];
  const fetchFn = (async (_input: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    seen.push(headers);
    if (headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag, 'x-github-request-id': 'R2' } });
    return new Response(body, {
      status: 200,
      headers: { etag, link: '<https://api.test/x?page=2>; rel="next"', 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return { fetchFn, seen };
}

describe('cachingFetch', () => {
  it('sends If-None-Match on the second run and rebuilds the 200 from the cache on 304', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'annexa-etag-'));
    const { fetchFn, seen } = server('[{"id":1}]', '"abc"');
    const first = await cachingFetch(
      new EtagCache(dir),
      5000,
      fetchFn,
    )('https://api.test/x', { headers: { authorization: 'token SECRET' } });
    expect(await first.json()).toEqual([{ id: 1 }]);
    expect(first.headers.get(CACHE_HEADER)).toBeNull();

    const second = await cachingFetch(
      new EtagCache(dir),
      5000,
      fetchFn,
    )('https://api.test/x', { headers: { authorization: 'token SECRET' } });
    expect(seen[1]?.get('if-none-match')).toBe('"abc"');
    expect(second.status).toBe(200);
    expect(second.headers.get(CACHE_HEADER)).toBe('304');
    expect(second.headers.get('link')).toContain('page=2');
    expect(second.headers.get('x-github-request-id')).toBe('R2');
    expect(await second.json()).toEqual([{ id: 1 }]);
  });

  it('never writes the token to the cache', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'annexa-etag-'));
    await cachingFetch(
      new EtagCache(dir),
      5000,
      server('{}', '"e"').fetchFn,
    )('https://api.test/y', { headers: { authorization: 'token SECRET' } });
    const file = nth(await readdir(dir), 0);
    expect(await readFile(path.join(dir, file), 'utf8')).not.toContain('SECRET');
  });

  it('leaves non-GET requests alone', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'annexa-etag-'));
    const { fetchFn } = server('{}', '"e"');
    await cachingFetch(new EtagCache(dir), 5000, fetchFn)('https://api.test/graphql', { method: 'POST', body: '{}' });
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });
});

describe('redactForCache', () => {
  const hooks = JSON.stringify([
    { id: 1, config: { url: 'https://hooks.slack.com/services/T000/B000/XXXXSECRET', insecure_ssl: '0', secret: '********' } },
  ]);
  it('cuts webhook URLs to scheme and host', () => {
    const kept = redactForCache('https://api.github.com/repos/acme/api/hooks?per_page=100', hooks);
    expect(kept).not.toContain('XXXXSECRET');
    expect(JSON.parse(kept)[0].config).toEqual({ url: 'https://hooks.slack.com', insecure_ssl: '0', secret: '********' });
  });
  it('drops the secret of secret-scanning alerts', () => {
    const alerts = JSON.stringify([{ number: 1, secret: 'ghp_leakedLEAKED', repository: { name: 'api' } }]);
    const kept = redactForCache('https://api.github.com/orgs/acme/secret-scanning/alerts?state=open&per_page=100', alerts);
    expect(kept).not.toContain('ghp_leaked');
    expect(JSON.parse(kept)).toEqual([{ number: 1, repository: { name: 'api' } }]);
  });
  it('leaves other answers alone', () => {
    expect(redactForCache('https://api.github.com/orgs/acme/repos', hooks)).toBe(hooks);
  });
});
