import path from 'node:path';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { Logger } from 'pino';
import { LEDGERED_FOLDERS, type CacheLedger } from '../../core/cache-ledger.js';
import { restBaseUrl } from './endpoints.js';
import { EtagCache, cachingFetch } from './etag-cache.js';

// Typed as the plain client: the plugins add behaviour, not methods that annexa calls.
const ThrottledOctokit: typeof Octokit = Octokit.plugin(throttling, retry);
export type GithubClient = Octokit;

export interface ClientOptions {
  apiUrl: string;
  token: string;
  log: Logger;
  /** Time limit of one attempt (fetch) of a request. */
  timeoutMs: number;
  /** Where the ETag cache lives between runs; no cache without it. */
  stateDir?: string;
  /** Which cache entries the evidence chain vouches for (see core/cache-ledger.ts). */
  cacheLedger?: CacheLedger;
  /** Retry budget for rate limits: at most this many retries of one request… */
  maxRateLimitRetries?: number;
  /** …and never a wait longer than this (a primary limit may reset in an hour). */
  maxRateLimitWaitSeconds?: number;
}

/** Folder of the ETag cache inside the state folder. */
export function etagDir(stateDir: string): string {
  return path.join(stateDir, LEDGERED_FOLDERS.githubEtags);
}

/**
 * Octokit with the throttling and retry plugins: rate-limited requests wait
 * for `retry-after` (or the reset of the primary limit) and are retried a
 * bounded number of times; after that the error reaches the fact, which
 * becomes a `throttled` FactError.
 */
export function createClient(options: ClientOptions): GithubClient {
  const { log } = options;
  const maxRetries = options.maxRateLimitRetries ?? 2;
  const maxWait = options.maxRateLimitWaitSeconds ?? 120;
  const onLimit =
    (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const retrying = retryCount < maxRetries && retryAfter <= maxWait;
      log.warn({ kind, retryAfter, retryCount, route: `${request.method} ${request.url}`, retrying }, 'GitHub rate limit');
      return retrying;
    };
  return new ThrottledOctokit({
    auth: options.token,
    baseUrl: restBaseUrl(options.apiUrl),
    userAgent: 'annexa',
    request: {
      fetch: cachingFetch(
        options.stateDir ? new EtagCache(etagDir(options.stateDir), { ledger: options.cacheLedger, log }) : undefined,
        options.timeoutMs,
        fetch,
        new URL(restBaseUrl(options.apiUrl)).origin,
      ),
    },
    // `log` already carries provider and target. Octokit's request log reports a request that got no
    // answer (DNS, refused connection) as "500", its placeholder status; the fact error keeps the real
    // cause, so those lines are debug only.
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.debug(message),
    },
    throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    // 500, 503 and answers that never came are retried up to 4 times, after 0.25, 1, 2.25 and 4 s
    // (the plugin waits base × n²): one request in ten failing then still ends well, within a call's limit.
    retry: { retries: 4, retryAfterBaseValue: 250 },
  });
}
