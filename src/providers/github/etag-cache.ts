import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { CacheLedger } from '../../core/cache-ledger.js';
import { FactError } from '../../core/facts.js';

/**
 * Conditional GETs with an ETag cache kept between runs: GitHub answers an
 * unchanged resource with `304 Not Modified`, which costs nothing against
 * the primary rate limit, and the body is taken from the cache.
 *
 * One file per URL (named by its hash) so that a scan of thousands of
 * repositories writes each answer once, and a crash never corrupts the rest.
 * Only the URL, the ETag, the body and the headers pagination needs are kept:
 * never the request headers, so never the token; and webhook answers are
 * kept without what may hold a credential (see `redactForCache`).
 */
export interface CachedAnswer {
  url: string;
  etag: string;
  link?: string;
  contentType?: string;
  body: string;
}

/** Marks a 200 rebuilt from the cache after a 304; `inspect` records it as 304. */
export const CACHE_HEADER = 'x-annexa-etag-cache';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface EtagCacheOptions {
  /**
   * The evidence chain's record of each entry's body hash: with it, an entry
   * is used only while its body still has the hash a verified run recorded,
   * and every entry used is recorded for this run's manifest.
   */
  ledger?: CacheLedger;
  log?: Pick<Logger, 'warn' | 'debug'>;
}

export class EtagCache {
  constructor(
    private readonly dir: string,
    private readonly options: EtagCacheOptions = {},
  ) {}

  private name(url: string): string {
    return `${sha256(url)}.json`;
  }

  /** The entry's name in the ledger: its path inside the state folder. */
  private entry(url: string): string {
    return `${path.basename(this.dir)}/${this.name(url)}`;
  }

  async get(url: string): Promise<CachedAnswer | undefined> {
    let entry: CachedAnswer;
    try {
      entry = JSON.parse(await readFile(path.join(this.dir, this.name(url)), 'utf8')) as CachedAnswer;
      if (entry.url !== url || typeof entry.etag !== 'string' || typeof entry.body !== 'string') return undefined;
    } catch {
      return undefined;
    }
    const { ledger, log } = this.options;
    if (!ledger) return entry;
    const key = this.entry(url);
    const hash = sha256(entry.body);
    if (ledger.trusts(key, hash)) {
      ledger.record(key, hash);
      return entry;
    }
    // Not what the chain recorded: never answer a 304 from it.
    if (ledger.knows(key))
      log?.warn({ url, entry: key }, 'ETag cache entry does not match the hash the previous run recorded: dropped, fetched again');
    else log?.debug({ url, entry: key }, 'ETag cache entry no run recorded: dropped, fetched again');
    ledger.drop(key);
    await rm(path.join(this.dir, this.name(url)), { force: true });
    return undefined;
  }

  async put(entry: CachedAnswer): Promise<void> {
    entry = { ...entry, body: redactForCache(entry.url, entry.body) };
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, this.name(entry.url));
    const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, JSON.stringify(entry));
    await rename(tmp, file);
    this.options.ledger?.record(this.entry(entry.url), sha256(entry.body));
  }
}

/**
 * Webhook URLs often carry a credential (chat hooks put it in the path), and
 * the cache sits in the evidence folder: a hook list is cached with each URL
 * cut to scheme and host and without the (masked) secret, which is all the
 * checks read. A 304 then replays that redacted list.
 */
export function redactForCache(url: string, body: string): string {
  const pathname = new URL(url).pathname;
  if (/\/secret-scanning\/alerts$/.test(pathname)) return withoutSecrets(body);
  if (!/\/hooks$/.test(pathname)) return body;
  try {
    const hooks = JSON.parse(body) as { config?: { url?: string; secret?: string } }[];
    if (!Array.isArray(hooks)) return body;
    for (const hook of hooks) {
      if (!hook.config) continue;
      try {
        const u = new URL(hook.config.url ?? '');
        hook.config.url = `${u.protocol}//${u.host}`;
      } catch {
        hook.config.url = '';
      }
      if (hook.config.secret !== undefined) hook.config.secret = '********';
    }
    return JSON.stringify(hooks);
  } catch {
    return body;
  }
}

/** A secret-scanning alert list is cached without each alert's `secret` (asked with hide_secret, but never trusted to be absent). */
function withoutSecrets(body: string): string {
  try {
    const alerts = JSON.parse(body) as Record<string, unknown>[];
    if (!Array.isArray(alerts)) return body;
    return JSON.stringify(alerts.map(({ secret: _secret, ...rest }) => rest));
  } catch {
    return body;
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * Refuses a request off the API's origin. Named AbortError so that Octokit
 * hands it on as it is, neither wrapped nor retried; the classifier reads the
 * FactError.
 */
function offOrigin(what: string, url: URL, origin: string): never {
  const error = new FactError({
    kind: 'malformed',
    message: `${what} ${url.host}, outside the API ${origin}: not followed (the request would carry the token)`,
  });
  error.name = 'AbortError';
  throw error;
}

/**
 * Sends the request, following redirects only on `origin`: the token goes
 * with each request, so a redirect elsewhere is refused, naming the host.
 */
async function sameOriginFetch(base: typeof fetch, url: string, init: RequestInit, origin: string | undefined): Promise<Response> {
  let target = new URL(url);
  if (origin && target.origin !== origin) offOrigin('a request to', target, origin);
  if (!origin) return base(url, init);
  for (let hops = 0; ; hops++) {
    const response = await base(target.href, { ...init, redirect: 'manual' });
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || !location || hops >= MAX_REDIRECTS) return response;
    target = new URL(location, target);
    if (target.origin !== origin) offOrigin('GitHub redirected to', target, origin);
  }
}

/**
 * A `fetch` for Octokit that adds `If-None-Match` to GETs it has an answer
 * for, and turns a 304 back into the cached 200 so that Octokit and its
 * pagination see an ordinary response. It bounds every attempt in time and
 * talks to `origin` only (the configured API), redirects included.
 */
export function cachingFetch(cache: EtagCache | undefined, timeoutMs: number, base: typeof fetch = fetch, origin?: string): typeof fetch {
  return async (input, init = {}) => {
    const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    const method = (init.method ?? 'GET').toUpperCase();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!cache || method !== 'GET') return sameOriginFetch(base, url, { ...init, signal }, origin);

    const cached = await cache.get(url);
    const headers = new Headers(init.headers);
    if (cached) headers.set('if-none-match', cached.etag);
    const response = await sameOriginFetch(base, url, { ...init, headers, signal }, origin);

    if (response.status === 304 && cached) {
      const replay = new Headers(response.headers);
      replay.set(CACHE_HEADER, '304');
      replay.set('content-type', cached.contentType ?? 'application/json; charset=utf-8');
      if (cached.link) replay.set('link', cached.link);
      replay.delete('content-length');
      replay.delete('content-encoding');
      return new Response(cached.body, { status: 200, statusText: 'OK', headers: replay });
    }
    const etag = response.headers.get('etag');
    if (response.status === 200 && etag) {
      const body = await response.text();
      await cache.put({
        url,
        etag,
        body,
        link: response.headers.get('link') ?? undefined,
        contentType: response.headers.get('content-type') ?? undefined,
      });
      const fresh = new Headers(response.headers);
      fresh.delete('content-length');
      fresh.delete('content-encoding');
      return new Response(body, { status: response.status, statusText: response.statusText, headers: fresh });
    }
    return response;
  };
}
