import type { IncomingMessage } from 'node:http';
import { faultInjector, spoilBody, type FaultKind } from '../faults.js';
import { error, type RestAnswer } from './rest-http.js';
import type { FaultSpec } from './scenario.js';

const SECONDARY_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits';

/** GitHub's secondary rate limit: 403 or 429, `retry-after`, and the message its documentation quotes. */
export function secondaryAnswer(requestId: string, status: 403 | 429 = 403, retryAfter = 1): RestAnswer {
  return error(
    status,
    `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
    SECONDARY_DOCS,
    { 'retry-after': String(retryAfter) },
  );
}

/** What the server does with a request that `faults.inject` picked: answer in its stead, drop it, or spoil its answer. */
export type Injected =
  | { kind: 'answer'; answer: RestAnswer }
  | { kind: 'drop'; how: 'reset' | 'stall' }
  | { kind: 'spoil'; spoil: (text: string) => string }
  | undefined;

/**
 * The scenario's per-request faults, by route (`GET /orgs/{org}/repos`,
 * `POST /graphql`). Throttling alternates GitHub's two secondary-limit
 * statuses, 403 then 429, as both are documented.
 */
export function githubFaults(spec: FaultSpec | undefined): (route: string, requestId: string) => Injected {
  const draw = faultInjector(spec?.inject, (pattern, route) => pattern === route);
  let throttles = 0;
  const answerOf = (kind: FaultKind, requestId: string): RestAnswer | undefined => {
    if (kind === 'throttle') return secondaryAnswer(requestId, throttles++ % 2 ? 429 : 403, 1);
    if (kind === 'internal') return error(500, 'Server Error');
    if (kind === 'unavailable') return error(503, 'Service Unavailable');
    return undefined;
  };
  return (route, requestId) => {
    const kind = draw(route);
    if (!kind) return undefined;
    if (kind === 'reset' || kind === 'stall') return { kind: 'drop', how: kind };
    const answer = answerOf(kind, requestId);
    return answer ? { kind: 'answer', answer } : { kind: 'spoil', spoil: (text) => spoilBody(kind, text) };
  };
}

/** Acts on a dropped request: a reset closes the connection unanswered; a stall leaves it open until the client gives up. */
export function drop(req: IncomingMessage, how: 'reset' | 'stall'): void {
  if (how === 'reset') req.socket.destroy();
}
