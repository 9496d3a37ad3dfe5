import { AwsError, Denied, Throttled } from './errors.js';
import type { Answer, AwsRequest } from './server.js';
import { document, type XmlObject } from './xml.js';

/**
 * The AWS Query protocol (IAM, STS): form-encoded POST (or GET query),
 * `Action` names the operation, answers are `<{Op}Response><{Op}Result>`
 * with a `ResponseMetadata/RequestId`, errors an `<ErrorResponse>`.
 */

export function params(req: AwsRequest): URLSearchParams {
  return req.method === 'POST' ? new URLSearchParams(req.body) : req.query;
}

export function queryOperation(req: AwsRequest): string {
  const action = params(req).get('Action');
  if (!action) throw new AwsError('MissingAction', 'Missing Action', 400);
  return action;
}

/** `Name.member.1`, `Name.member.2`, … as a list. */
export function memberList(p: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; p.has(`${name}.member.${i}`); i++) out.push(p.get(`${name}.member.${i}`)!);
  return out;
}

export function queryAnswer(namespace: string, op: string, req: AwsRequest, result: XmlObject | undefined): Answer {
  const body: XmlObject = {};
  if (result !== undefined) body[`${op}Result`] = result;
  body.ResponseMetadata = { RequestId: req.requestId };
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': req.requestId },
    body: document(`${op}Response`, namespace, body),
  };
}

export function queryError(namespace: string, err: AwsError | Denied | Throttled, req: AwsRequest): Answer {
  let code: string,
    status: number,
    type = 'Sender';
  if (err instanceof Denied) [code, status] = ['AccessDenied', 403];
  else if (err instanceof Throttled) [code, status] = ['Throttling', 400];
  else [code, status] = [err.code, err.status];
  if (status >= 500) type = 'Receiver';
  const body = document('ErrorResponse', namespace, { Error: { Type: type, Code: code, Message: err.message }, RequestId: req.requestId });
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': req.requestId }, body };
}

/**
 * One page of `items` by IAM's `Marker`/`MaxItems` (default 100, at most
 * 1000). The marker is opaque to the client; here it encodes the offset.
 */
export function page<T>(items: T[], p: URLSearchParams, op: string): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const max = Number(p.get('MaxItems') ?? 100);
  if (!Number.isInteger(max) || max < 1 || max > 1000) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${p.get('MaxItems')}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  let start = 0;
  const marker = p.get('Marker');
  if (marker) {
    const decoded = /^(\w+):(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
    if (!decoded || decoded[1] !== op) throw new AwsError('InvalidInput', 'Invalid Marker.');
    start = Number(decoded[2]);
  }
  const slice = items.slice(start, start + max);
  const truncated = start + max < items.length;
  return { items: slice, IsTruncated: truncated, Marker: truncated ? Buffer.from(`${op}:${start + max}`).toString('base64') : undefined };
}
