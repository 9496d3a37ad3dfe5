import { FactError } from '../../core/facts.js';
import type { CallInspector } from '../../core/facts.js';
import { CACHE_HEADER } from './etag-cache.js';

/** The shape of an Octokit RequestError, read structurally so that any copy of the class matches. */
interface HttpError {
  status?: number;
  message: string;
  cause?: unknown;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

type Headers = Record<string, string | number | undefined>;

function headersOf(x: unknown): Headers | undefined {
  const h = x as { headers?: unknown; response?: { headers?: unknown } } | undefined;
  return (h?.headers ?? h?.response?.headers) as Headers | undefined;
}

export function isRateLimited(err: HttpError): boolean {
  if (err.status === 429) return true;
  if (err.status !== 403) return false;
  return err.response?.headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(err.message);
}

/** A denial that names what the token lacks. */
export function denied(message: string, permission: string, status?: number): FactError {
  return new FactError({ kind: 'denied', message, permission, status });
}

/**
 * Whatever a GitHub call threw, as a FactError. Fetchers that know what a
 * 403/404 means for their resource catch it first and name the permission.
 */
export function classify(err: unknown): FactError {
  if (err instanceof FactError) return err;
  const e = err as HttpError;
  if (e?.cause instanceof FactError) return e.cause;
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const message = e instanceof Error ? e.message : String(err);
  if (status === 401)
    return new FactError({
      kind: 'denied',
      message: 'GitHub rejected the token (401 Bad credentials)',
      permission: 'a valid token',
      status,
    });
  // The throttling plugin reports an exhausted GraphQL limit as a plain error ("GraphQL Rate Limit Exceeded").
  if ((status !== undefined && isRateLimited(e)) || (status === undefined && /rate limit/i.test(message))) {
    return new FactError({ kind: 'throttled', message: `rate limited past the retry budget: ${message}`, status });
  }
  if (status === 403) return new FactError({ kind: 'denied', message, status });
  if (status === 404) return new FactError({ kind: 'not_found', message, status });
  const cause = (e?.cause ?? {}) as { name?: string; code?: string; cause?: { code?: string } };
  if (cause.name === 'TimeoutError' || cause.name === 'AbortError' || (e as Error)?.name === 'AbortError') {
    return new FactError({ kind: 'timeout', message: `GitHub did not answer in time: ${message}` });
  }
  const code = cause.code ?? cause.cause?.code;
  if (code && /^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/.test(code)) {
    return new FactError({ kind: 'reset', message: `GitHub closed the connection mid-answer: ${message}`, code });
  }
  if (code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT)$/.test(code)) {
    return new FactError({ kind: 'unreachable', message: `cannot reach GitHub: ${message}`, code });
  }
  return new FactError({ kind: 'other', message, status });
}

/**
 * What each call record keeps: the HTTP status (304 when the answer came from
 * the ETag cache, which costs nothing), GitHub's request id, and for GraphQL
 * the points the query cost (`rateLimit.cost`). The run's budget is counted
 * from these: REST requests, of which 304s, and GraphQL points.
 */
export const inspect: CallInspector = ({ value, error }) => {
  const source = value ?? error;
  const headers = headersOf(source);
  const requestId = headers?.['x-github-request-id'];
  const fromCache = headers?.[CACHE_HEADER] === '304';
  const raw = (source as { status?: number } | undefined)?.status;
  const status = fromCache ? 304 : raw;
  const graphqlCost = (value as { data?: { data?: { rateLimit?: { cost?: number } } } } | undefined)?.data?.data?.rateLimit?.cost;
  return { status, requestId: requestId === undefined ? undefined : String(requestId), cost: graphqlCost };
};
