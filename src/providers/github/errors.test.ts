import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { classify, inspect } from './errors.js';
import { CACHE_HEADER } from './etag-cache.js';

const httpError = (status: number, message: string, headers: Record<string, string> = {}) =>
  new RequestError(message, status, {
    request: { method: 'GET', url: 'https://api.test/x', headers: {} },
    response: { status, url: 'https://api.test/x', headers, data: {} },
  });

describe('classify', () => {
  it.each([
    [httpError(401, 'Bad credentials'), 'denied'],
    [httpError(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' }), 'throttled'],
    [httpError(403, 'You have exceeded a secondary rate limit'), 'throttled'],
    [httpError(429, 'Too many requests'), 'throttled'],
    [httpError(403, 'Resource not accessible by integration'), 'denied'],
    [httpError(404, 'Not Found'), 'not_found'],
    [httpError(502, 'Bad gateway'), 'other'],
    [new Error('GraphQL Rate Limit Exceeded'), 'throttled'],
  ])('%s → %s', (err, kind) => {
    expect(classify(err).kind).toBe(kind);
  });

  it('names a refused connection as unreachable and a timeout as timeout', () => {
    const refused = Object.assign(httpError(500, 'fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const timedOut = Object.assign(httpError(500, 'aborted'), { cause: { name: 'TimeoutError' } });
    expect(classify(refused).kind).toBe('unreachable');
    expect(classify(timedOut).kind).toBe('timeout');
  });

  it('names a connection reset mid-answer as reset, not as a timeout or an unreachable host', () => {
    const reset = Object.assign(httpError(500, 'fetch failed'), { cause: { cause: { code: 'ECONNRESET' } } });
    expect(classify(reset).kind).toBe('reset');
  });
});

describe('inspect', () => {
  it('records REST status and request id', () => {
    expect(inspect({ value: { status: 200, headers: { 'x-github-request-id': 'A:B' }, data: [] } })).toEqual({
      status: 200,
      requestId: 'A:B',
      cost: undefined,
    });
  });
  it('records a cache hit as a 304', () => {
    expect(inspect({ value: { status: 200, headers: { [CACHE_HEADER]: '304' }, data: [] } })).toMatchObject({ status: 304 });
  });
  it('records GraphQL points from rateLimit.cost', () => {
    expect(inspect({ value: { status: 200, headers: {}, data: { data: { rateLimit: { cost: 4, remaining: 4996 } } } } })).toMatchObject({
      cost: 4,
    });
  });
  it('records the status of an error', () => {
    expect(inspect({ error: httpError(404, 'Not Found', { 'x-github-request-id': 'Z' }) })).toMatchObject({ status: 404, requestId: 'Z' });
  });
});
