import { AwsError, Denied, Throttled } from './errors.js';
import { jsonInput } from './json.js';
import type { Answer, AwsRequest } from './server.js';

/**
 * The AWS REST-JSON protocol (Backup, Inspector2, Access Analyzer): the
 * operation is the method and path, input in the query string or a JSON
 * body, errors a status with `x-amzn-ErrorType` and a `{"message"}` body.
 */

/** The operation a route names: `routes` maps `METHOD /path` to the operation. */
export function restOperation(routes: Record<string, string>) {
  return (req: AwsRequest): string => {
    const op = routes[`${req.method} ${req.path.replace(/\/+$/, '') || '/'}`];
    if (!op) throw new AwsError('UnknownOperationException', `No operation at ${req.method} ${req.path}`, 404);
    return op;
  };
}

export const restInput = jsonInput;

export function restAnswer(req: AwsRequest, body: unknown): Answer {
  return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-RequestId': req.requestId }, body: JSON.stringify(body) };
}

export function restError(err: AwsError | Denied | Throttled, req: AwsRequest): Answer {
  let type: string, status: number;
  if (err instanceof Denied) [type, status] = ['AccessDeniedException', 403];
  else if (err instanceof Throttled) [type, status] = ['ThrottlingException', 429];
  else [type, status] = [err.code, err.status];
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-RequestId': req.requestId, 'x-amzn-ErrorType': type },
    body: JSON.stringify({ message: err.message }),
  };
}

/** A page by `maxResults`/`nextToken` (`limits` the service's range); the token encodes the offset and the operation. */
export function restPage<T>(
  items: T[],
  op: string,
  size: unknown,
  token: unknown,
  limits: { min?: number; max: number; fallback: number },
) {
  const n = size === undefined || size === null || size === '' ? limits.fallback : Number(size);
  if (!Number.isInteger(n) || n < (limits.min ?? 1) || n > limits.max)
    throw new AwsError('ValidationException', `maxResults must be between ${limits.min ?? 1} and ${limits.max}`);
  let start = 0;
  if (token !== undefined && token !== null && token !== '') {
    const m = /^(\w+):(\d+)$/.exec(Buffer.from(String(token), 'base64').toString('utf8'));
    if (!m || m[1] !== op) throw new AwsError('ValidationException', 'The pagination token is invalid.');
    start = Number(m[2]);
  }
  const next = start + n < items.length ? Buffer.from(`${op}:${start + n}`).toString('base64') : undefined;
  return { items: items.slice(start, start + n), next };
}
