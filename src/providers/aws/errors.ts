import { FactError } from '../../core/facts.js';
import type { CallRecord, FactErrorKind } from '../../core/types.js';

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AccessDeniedForDependencyException',
]);
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'BandwidthLimitExceeded',
]);
const NOT_FOUND = new Set(['NoSuchEntity', 'NoSuchBucket', 'NotFoundException', 'NotFound', 'NoSuchKey']);
const TIMEOUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Reached, then cut off mid-exchange: not the same as never reached, nor as too slow. */
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const NO_CREDENTIALS = new Set([
  'CredentialsProviderError',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
]);

interface AwsErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
  $retryable?: { throttling?: boolean };
}

/** What the error is named: the service's error code, else a Node network code. */
export function errorCode(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as AwsErrorLike;
  return e.Code ?? (e.name && e.name !== 'Error' ? e.name : undefined) ?? e.code;
}

function kindOf(code: string | undefined, e: AwsErrorLike, status: number | undefined): FactErrorKind {
  const netCode = e.code ?? (e as { cause?: { code?: string } }).cause?.code;
  if (code && DENIED.has(code)) return 'denied';
  if ((code && THROTTLED.has(code)) || e.$retryable?.throttling || status === 429) return 'throttled';
  if ((netCode && RESET.has(netCode)) || (code && RESET.has(code)) || /socket hang up/i.test(e.message ?? '')) return 'reset';
  if ((code && TIMEOUT.has(code)) || (netCode && TIMEOUT.has(netCode))) return 'timeout';
  if ((netCode && UNREACHABLE.has(netCode)) || (code && UNREACHABLE.has(code))) return 'unreachable';
  if (code && NO_CREDENTIALS.has(code)) return 'denied';
  if (code && NOT_FOUND.has(code)) return 'not_found';
  if (status === 403) return 'denied';
  if (status === 404) return 'not_found';
  if (e.name === 'SyntaxError' || /deserializ|parse|unexpected token/i.test(e.message ?? '')) return 'malformed';
  return 'other';
}

/**
 * Turns what the SDK threw into a FactError. A denial names the IAM action of
 * the call that was denied (the recorder logs calls under their action).
 */
export function classify(err: unknown, call?: CallRecord): FactError {
  if (err instanceof FactError) return err;
  const e = (err && typeof err === 'object' ? err : { message: String(err) }) as AwsErrorLike;
  const status = e.$metadata?.httpStatusCode;
  const code = errorCode(err);
  const kind = kindOf(code, e, status);
  const message = `${code ?? 'Error'}: ${e.message ?? 'no message'}`.slice(0, 500);
  const denied = kind === 'denied' && code !== undefined && !NO_CREDENTIALS.has(code);
  return new FactError({
    kind,
    message: call ? `${call.operation} on ${call.target}: ${message}` : message,
    ...(denied && call ? { permission: call.operation } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(code !== undefined ? { code } : {}),
  });
}

/** Whether the error says the endpoint could not be reached or answered, rather than that credentials are wrong. */
export function isNetworkFailure(err: unknown): boolean {
  if (err instanceof FactError) return ['unreachable', 'reset', 'timeout'].includes(err.kind);
  const e = (err && typeof err === 'object' ? err : {}) as AwsErrorLike;
  return ['unreachable', 'reset', 'timeout'].includes(kindOf(errorCode(err), e, e.$metadata?.httpStatusCode));
}

/** HTTP status and request id of an SDK answer or error, for the call log. */
export function inspect(outcome: { value?: unknown; error?: unknown }): { status?: number; requestId?: string } {
  const source = (outcome.error ?? outcome.value) as AwsErrorLike | undefined;
  const meta = source && typeof source === 'object' ? source.$metadata : undefined;
  if (!meta) return {};
  return { status: meta.httpStatusCode, requestId: meta.requestId ?? meta.extendedRequestId };
}

/** True when the error is the documented "not configured" answer `code`. */
export function isCode(err: unknown, ...codes: string[]): boolean {
  const code = errorCode(err);
  return code !== undefined && codes.includes(code);
}
