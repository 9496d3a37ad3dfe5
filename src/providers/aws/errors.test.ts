import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../core/types.js';
import { classify, inspect } from './errors.js';

const call: CallRecord = { operation: 's3:GetEncryptionConfiguration', target: 'acme-logs', startedAt: '', durationMs: 1 };
const sdkError = (name: string, status?: number, extra: object = {}) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status, requestId: 'req-1' }, ...extra });

describe('classify', () => {
  it.each([
    ['AccessDenied', 403, 'denied'],
    ['AccessDeniedException', 400, 'denied'],
    ['UnauthorizedOperation', 403, 'denied'],
    ['Throttling', 400, 'throttled'],
    ['ThrottlingException', 400, 'throttled'],
    ['SlowDown', 503, 'throttled'],
    ['NoSuchEntity', 404, 'not_found'],
    ['TimeoutError', undefined, 'timeout'],
    ['InternalError', 500, 'other'],
  ])('%s → %s', (name, status, kind) => {
    expect(classify(sdkError(name, status), call).kind).toBe(kind);
  });

  it('names the IAM action of the denied call', () => {
    const e = classify(sdkError('AccessDenied', 403), call);
    expect(e.toJSON()).toMatchObject({ kind: 'denied', permission: 's3:GetEncryptionConfiguration', status: 403, code: 'AccessDenied' });
  });

  it('sees network failures as unreachable, and a throttled answer by its retry flag', () => {
    expect(classify(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), call).kind).toBe('unreachable');
    expect(classify(sdkError('SomethingElse', 400, { $retryable: { throttling: true } }), call).kind).toBe('throttled');
  });

  it('records a connection reset as reset, not as a timeout or an unreachable endpoint', () => {
    expect(classify(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), call).kind).toBe('reset');
    expect(classify(Object.assign(new Error('socket hang up'), { name: 'Error' }), call).kind).toBe('reset');
  });

  it('does not blame a permission when the credentials are missing', () => {
    const e = classify(sdkError('CredentialsProviderError'), call);
    expect(e.permission).toBeUndefined();
  });
});

describe('inspect', () => {
  it('reads the status and request id from $metadata of an answer or an error', () => {
    expect(inspect({ value: { $metadata: { httpStatusCode: 200, requestId: 'abc' } } })).toEqual({ status: 200, requestId: 'abc' });
    expect(inspect({ error: sdkError('AccessDenied', 403) })).toEqual({ status: 403, requestId: 'req-1' });
    expect(inspect({ value: null })).toEqual({});
  });
});
