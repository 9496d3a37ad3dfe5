import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { AwsError, Denied, Throttled } from './errors.js';
import { spoilBody } from '../faults.js';
import type { RateLimiter } from './rate-limits.js';
import { injectedError, isDenied, type Faults } from './rules.js';
import type { DenyRule } from './scenario.js';
import type { Account, World } from './world.js';

/** One request as the handlers see it: body read, signature scope parsed. */
export interface AwsRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  requestId: string;
  /** The signing region of the request's credential scope, else the home region. */
  region: string;
  accessKeyId?: string;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body: string;
  /** An injected fault that sends no answer: close the connection, or leave it hanging. */
  drop?: 'reset' | 'stall';
}

/** Who is calling: the account the credentials belong to. */
export interface Caller {
  account: Account;
  arn: string;
  userId: string;
}

export interface CallContext {
  world: World;
  caller: Caller;
  /** Throws `Denied` when the scenario denies `action` on `resource` to this caller. */
  authorize(action: string, resource?: string): void;
}

export interface ServiceHandler {
  service: string;
  /** The operation a request names (Query `Action`, `X-Amz-Target`, an S3 route). */
  operation(req: AwsRequest): string;
  handle(operation: string, req: AwsRequest, ctx: CallContext): Answer | Promise<Answer>;
  /** Renders an `AwsError`, `Denied` or `Throttled` in the protocol's wire shape. */
  renderError(err: AwsError | Denied | Throttled, req: AwsRequest): Answer;
}

export interface Shared {
  world: World;
  /** Access key id → caller, filled by STS AssumeRole. Unknown keys act as the first account's caller. */
  credentials: Map<string, Caller>;
  deny: DenyRule[] | undefined;
  faults: Faults;
  /** The real services' request quotas (rate-limits.ts), when the scenario asks for them. */
  rateLimiter?: RateLimiter;
  counts: Map<string, number>;
  log?: Logger;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/[^/]+\/aws4_request/;

function parseScope(req: http.IncomingMessage, query: URLSearchParams): { accessKeyId?: string; region?: string } {
  const m = CREDENTIAL.exec(req.headers.authorization ?? '') ?? CREDENTIAL.exec(`Credential=${query.get('X-Amz-Credential') ?? ''}`);
  return m ? { accessKeyId: m[1], region: m[2] } : {};
}

export function callerFor(shared: Shared, accessKeyId: string | undefined): Caller {
  const known = accessKeyId ? shared.credentials.get(accessKeyId) : undefined;
  if (known) return known;
  const account = shared.world.accounts[0];
  if (!account) throw new Error('aws sandbox: the scenario has no account');
  return { account, arn: account.callerArn, userId: account.callerId };
}

/**
 * The answer once the scenario's latency has passed since the request arrived: the latency stands for the
 * service's whole response time, so the emulator's own work (which shares the scanner's machine) runs within
 * it rather than after it. Throttling and quotas are decided on arrival, as a service decides them.
 */
async function answer(handler: ServiceHandler, shared: Shared, req: http.IncomingMessage, body: string, arrived: number): Promise<Answer> {
  const out = await respond(handler, shared, req, body);
  const wait = out.delayMs - (performance.now() - arrived);
  if (wait > 0 && !out.answer.drop) await sleep(wait);
  return out.answer;
}

async function respond(
  handler: ServiceHandler,
  shared: Shared,
  req: http.IncomingMessage,
  body: string,
): Promise<{ answer: Answer; delayMs: number }> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const scope = parseScope(req, url.searchParams);
  const request: AwsRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    requestId: randomUUID(),
    region: scope.region ?? shared.world.homeRegion,
    accessKeyId: scope.accessKeyId,
  };
  // An operation the service does not know is refused at once, as before any latency applied.
  let delayMs = 0;
  try {
    const op = handler.operation(request);
    const key = `${handler.service}:${op}`;
    shared.counts.set(key, (shared.counts.get(key) ?? 0) + 1);
    delayMs = shared.faults.latency();
    if (shared.faults.throttled(key)) throw new Throttled();
    if (shared.rateLimiter?.throttled(key, request, callerFor(shared, request.accessKeyId).account.id)) throw new Throttled();
    const fault = shared.faults.inject(key);
    if (fault === 'reset' || fault === 'stall') return { answer: { status: 0, body: '', drop: fault }, delayMs };
    const failure = fault && injectedError(fault, handler.service);
    if (failure) throw failure;
    const caller = callerFor(shared, request.accessKeyId);
    const ctx: CallContext = {
      world: shared.world,
      caller,
      authorize(action, resource = '*') {
        if (isDenied(shared.deny, action, resource) || isDenied(caller.account.deny, action, resource))
          throw new Denied(action, resource, caller.arn);
      },
    };
    const out = await handler.handle(op, request, ctx);
    if (out.status >= 300) return { answer: out, delayMs };
    return { answer: { ...out, body: fault ? spoilBody(fault, out.body) : shared.faults.spoil(key, out.body) }, delayMs };
  } catch (err) {
    if (err instanceof AwsError || err instanceof Denied || err instanceof Throttled)
      return { answer: handler.renderError(err, request), delayMs };
    shared.log?.error({ err, service: handler.service }, 'aws sandbox: handler failed');
    const failure = new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', 500);
    return { answer: handler.renderError(failure, request), delayMs };
  }
}

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves one service on 127.0.0.1 and an ephemeral port. */
export async function listen(handler: ServiceHandler, shared: Shared, hostName = '127.0.0.1'): Promise<Listening> {
  const server = http.createServer((req, res) => {
    const arrived = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void answer(handler, shared, req, Buffer.concat(chunks).toString('utf8'), arrived).then((a) => {
        if (a.drop === 'reset') return void req.socket.destroy();
        if (a.drop === 'stall') return; // the client's time limit ends it; stop() closes what is left
        res.writeHead(a.status, { 'content-length': Buffer.byteLength(a.body), ...a.headers });
        res.end(req.method === 'HEAD' ? undefined : a.body);
      });
    });
  });
  // Node's agent keeps a socket for the server's keep-alive hint less one second: a 1 s hint meant no reuse at all,
  // and a new connection for every call. A 5 s hint raced the SDK's retry backoff (seconds long): an agent timer
  // firing late under load reused a socket the server was closing, and the last attempt read a reset instead of
  // its answer. AWS front ends keep an idle connection about a minute; so does the emulator.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${hostName}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
