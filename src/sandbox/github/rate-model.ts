import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { TokenBuckets, type BucketRule } from '../rate/token-bucket.js';
import type { RestAnswer } from './rest-http.js';

/**
 * GitHub's documented secondary rate limits (docs/benchmark.md has the
 * source): at most 100 requests in flight per caller across REST and
 * GraphQL, 900 points a minute for REST (a GET costs 1) and 2,000 for
 * GraphQL (a query without mutations costs 1). GitHub does not say how it
 * counts a minute; a token bucket of a minute's points refilled evenly is
 * the model here.
 */
export const GITHUB_SECONDARY = {
  concurrent: 100,
  rest: { perSecond: 900 / 60, burst: 900 } satisfies BucketRule,
  graphql: { perSecond: 2000 / 60, burst: 2000 } satisfies BucketRule,
};

export interface RateModelSpec {
  /** Milliseconds added before every answer. */
  latencyMs?: number;
  /** Enforce the secondary limits above. */
  secondary?: boolean;
}

export interface RateModel {
  /** Serves one request through `next`, after the modelled latency, or refuses it as GitHub would. */
  around(req: IncomingMessage, res: ServerResponse, next: () => Promise<void>): Promise<void>;
  /** Requests refused for a secondary limit. */
  refused(): number;
}

export function rateModel(
  spec: RateModelSpec,
  refusal: (retryAfterSeconds: number) => RestAnswer,
  now?: () => number,
): RateModel | undefined {
  if (!spec.latencyMs && !spec.secondary) return undefined;
  const buckets = new TokenBuckets(now);
  const inFlight = new Map<string, number>();
  let refused = 0;
  return {
    async around(req, res, next) {
      // The caller is its credentials (held in memory only, as the key of its counters).
      const caller = req.headers.authorization ?? 'anonymous';
      const graphql = new URL(req.url ?? '/', 'http://sandbox').pathname === '/graphql';
      const rule = graphql ? GITHUB_SECONDARY.graphql : GITHUB_SECONDARY.rest;
      const bucket = `${graphql ? 'graphql' : 'rest'}\0${caller}`;
      const busy = inFlight.get(caller) ?? 0;
      if (spec.secondary && (busy >= GITHUB_SECONDARY.concurrent || !buckets.take(bucket, rule))) {
        refused += 1;
        const answer = refusal(Math.max(1, Math.ceil(buckets.waitSeconds(bucket, rule))));
        res
          .writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers })
          .end(JSON.stringify(answer.body));
        return;
      }
      inFlight.set(caller, busy + 1);
      try {
        if (spec.latencyMs) await sleep(spec.latencyMs);
        await next();
      } finally {
        inFlight.set(caller, (inFlight.get(caller) ?? 1) - 1);
      }
    },
    refused: () => refused,
  };
}
