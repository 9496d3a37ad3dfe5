import { AwsError, Denied, Throttled } from './errors.js';
import type { Answer, AwsRequest } from './server.js';

/**
 * The AWS REST-JSON protocol (GuardDuty, Security Hub): the operation is in
 * the method and path, JSON bodies both ways, the error code in the
 * `x-amzn-ErrorType` header and the body. Instants are ISO 8601 strings.
 */

export function restJsonInput(req: AwsRequest): Record<string, unknown> {
  if (req.body.trim() === '') return {};
  try {
    return JSON.parse(req.body) as Record<string, unknown>;
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.');
  }
}

export function restJsonAnswer(req: AwsRequest, body: unknown): Answer {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'x-amzn-RequestId': req.requestId },
    body: JSON.stringify(body),
  };
}

/** The operation a request names, from its method and path. */
export function restJsonRoutes(routes: [method: string, path: RegExp, operation: string][]) {
  return (req: AwsRequest): string => {
    const route = routes.find(([method, path]) => method === req.method && path.test(req.path));
    if (!route) throw new AwsError('UnknownOperationException', `No route for ${req.method} ${req.path}`, 404);
    return route[2];
  };
}

/**
 * Renders an error: a denial as AccessDeniedException (403), throttling as
 * TooManyRequestsException (429); `messageKey` is how the service spells the
 * message field (GuardDuty `message`, Security Hub `Message` beside `Code`).
 */
export function restJsonErrors(messageKey: 'message' | 'Message') {
  return (err: AwsError | Denied | Throttled, req: AwsRequest): Answer => {
    const [type, status] =
      err instanceof Denied
        ? ['AccessDeniedException', 403]
        : err instanceof Throttled
          ? ['TooManyRequestsException', 429]
          : [err.code, err.status];
    const body = messageKey === 'Message' ? { Code: type, Message: err.message } : { __type: type, message: err.message };
    return {
      status,
      headers: { 'content-type': 'application/json', 'x-amzn-RequestId': req.requestId, 'x-amzn-ErrorType': type },
      body: JSON.stringify(body),
    };
  };
}

/** A page of `items` by maxResults / nextToken, the token encoding the offset; `invalid` is the service's validation error code. */
export function restJsonPage<T>(items: T[], size: number, token: unknown, max: number, invalid: string): { items: T[]; next?: string } {
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new AwsError(invalid, `The request is rejected because the MaxResults value ${size} is not between 1 and ${max}.`);
  }
  let start = 0;
  if (token !== undefined && token !== null && token !== '') {
    start = Number(Buffer.from(String(token), 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0)
      throw new AwsError(invalid, 'The request is rejected because the input nextToken is not valid.');
  }
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
  return { items: items.slice(start, start + size), next };
}
