import { AwsError, Denied, Throttled } from './errors.js';
import { jsonInput } from './json.js';
import type { Answer, AwsRequest } from './server.js';
import { textOf } from '../../core/text.js';

/**
 * The AWS REST-JSON protocol (GuardDuty, Security Hub, Backup, Inspector2,
 * Access Analyzer): the operation is the method and path, input in the query
 * string or a JSON body, errors a status with `x-amzn-ErrorType` and a JSON
 * body. Instants are ISO 8601 strings.
 */

export const restInput = jsonInput;

/** The operation a request names: `routes` maps `METHOD /path` to it; a `{name}` segment matches any one segment. */
export function restOperation(routes: Record<string, string>) {
  const table = Object.entries(routes).map(([route, operation]) => {
    const [method, path = '/'] = route.split(' ');
    return { method, segments: path.split('/'), operation };
  });
  return (req: AwsRequest): string => {
    const segments = (req.path.replace(/\/+$/, '') || '/').split('/');
    const hit = table.find(
      (r) =>
        r.method === req.method &&
        r.segments.length === segments.length &&
        r.segments.every((s, i) => (s.startsWith('{') ? Boolean(segments[i]) : s === segments[i])),
    );
    if (!hit) throw new AwsError('UnknownOperationException', `No operation at ${req.method} ${req.path}`, 404);
    return hit.operation;
  };
}

export function restAnswer(req: AwsRequest, body: unknown): Answer {
  return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-RequestId': req.requestId }, body: JSON.stringify(body) };
}

/**
 * Renders errors as the service spells them: a denial is AccessDeniedException
 * (403); throttling is `throttle` (429: ThrottlingException for most,
 * TooManyRequestsException for GuardDuty and Security Hub); `messageKey` is
 * the message field (Security Hub sends `Code` and `Message`).
 */
export function restErrors(options: { throttle?: string; messageKey?: 'message' | 'Message' } = {}) {
  const { throttle = 'ThrottlingException', messageKey = 'message' } = options;
  return (err: AwsError | Denied | Throttled, req: AwsRequest): Answer => {
    const [type, status] =
      err instanceof Denied ? ['AccessDeniedException', 403] : err instanceof Throttled ? [throttle, 429] : [err.code, err.status];
    const body = messageKey === 'Message' ? { Code: type, Message: err.message } : { __type: type, message: err.message };
    return {
      status,
      headers: { 'content-type': 'application/json', 'x-amzn-RequestId': req.requestId, 'x-amzn-ErrorType': type },
      body: JSON.stringify(body),
    };
  };
}

/**
 * A page by `maxResults`/`nextToken` within the service's range; the token
 * encodes the operation and the offset, so a token of another operation is
 * refused. `invalid` is the service's validation error code.
 */
export function restPage<T>(
  items: T[],
  op: string,
  size: unknown,
  token: unknown,
  limits: { min?: number; max: number; fallback: number; invalid?: string },
) {
  const invalid = limits.invalid ?? 'ValidationException';
  const min = limits.min ?? 1;
  const n = size === undefined || size === null || size === '' ? limits.fallback : Number(size);
  if (!Number.isInteger(n) || n < min || n > limits.max)
    throw new AwsError(
      invalid,
      `The request is rejected because the MaxResults value ${String(size)} is not between ${min} and ${limits.max}.`,
    );
  let start = 0;
  if (token !== undefined && token !== null && token !== '') {
    const m = /^(\w+):(\d+)$/.exec(Buffer.from(textOf(token), 'base64').toString('utf8'));
    if (!m || m[1] !== op) throw new AwsError(invalid, 'The request is rejected because the input nextToken is not valid.');
    start = Number(m[2]);
  }
  const next = start + n < items.length ? Buffer.from(`${op}:${start + n}`).toString('base64') : undefined;
  return { items: items.slice(start, start + n), next };
}
