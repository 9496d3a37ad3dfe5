import { AwsError, Denied, Throttled } from './errors.js';
import type { Answer, AwsRequest } from './server.js';
import { textOf } from '../../core/text.js';

/**
 * The AWS JSON 1.1 protocol (KMS, Organizations): POST `/` with
 * `X-Amz-Target: <Prefix>.<Operation>`, JSON both ways, errors as
 * `{"__type": ..., "message": ...}`. Instants are epoch seconds.
 */
export function jsonOperation(prefix: string) {
  return (req: AwsRequest): string => {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method !== 'POST' || !target.startsWith(`${prefix}.`)) throw new AwsError('UnknownOperationException', 'Unknown operation');
    return target.slice(prefix.length + 1);
  };
}

export function jsonInput(req: AwsRequest): Record<string, unknown> {
  if (req.body.trim() === '') return {};
  try {
    return JSON.parse(req.body) as Record<string, unknown>;
  } catch {
    throw new AwsError('SerializationException', 'Start of structure or map found where not expected.');
  }
}

export const epochSeconds = (d: Date | undefined) => (d === undefined ? undefined : d.getTime() / 1000);

export function jsonAnswer(req: AwsRequest, body: unknown): Answer {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': req.requestId },
    body: JSON.stringify(body),
  };
}

/** Renders an error; `denied` and `throttled` give the service's own codes for those. */
export function jsonError(err: AwsError | Denied | Throttled, req: AwsRequest, codes: { denied: string; throttled: string }): Answer {
  let type: string,
    status = 400;
  if (err instanceof Denied) type = codes.denied;
  else if (err instanceof Throttled) type = codes.throttled;
  else [type, status] = [err.code, err.status];
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': req.requestId, 'x-amzn-ErrorType': type },
    body: JSON.stringify({ __type: type, message: err.message }),
  };
}

/** A page of `items` by `Limit`/`Marker` (KMS) or `MaxResults`/`NextToken` (Organizations); the token encodes the offset. */
export function jsonPage<T>(items: T[], size: number, token: unknown, max: number): { items: T[]; next?: string } {
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${size}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${max}`,
    );
  }
  let start = 0;
  if (token !== undefined && token !== null) {
    start = Number(Buffer.from(textOf(token), 'base64').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new AwsError('InvalidMarkerException', 'Invalid marker');
  }
  const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
  return { items: items.slice(start, start + size), next };
}
