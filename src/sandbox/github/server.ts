import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compile, error, type RestAnswer, type Route } from './rest-http.js';
import { drop, githubFaults, secondaryAnswer, type Injected } from './faults.js';
import { RateLimits } from './limits.js';
import { rateModel } from './rate-model.js';
import type { AnswerFault, GithubScenario, SandboxToken } from './scenario.js';
import type { World } from './world.js';

/**
 * The HTTP side of the emulator: authentication, primary and secondary rate
 * limits, ETag / 304, request ids and counting, around the REST routes and
 * the GraphQL endpoint.
 */
export interface Stats {
  rest: { requests: number; notModified: number; byRoute: Record<string, number> };
  graphql: { queries: number; points: number };
  /** Requests refused by the modelled secondary limits (rate-model.ts). */
  secondaryRefused: number;
}

export interface GraphqlEndpoint {
  (body: unknown, token: SandboxToken | null, limits: RateLimits, key: string): Promise<{ status: number; body: unknown; points: number }>;
}

export interface ServerOptions {
  world: World;
  scenario: GithubScenario;
  routes: Route[];
  graphql?: GraphqlEndpoint;
  log?: { debug(obj: object, msg?: string): void };
}

export interface RunningServer {
  server: Server;
  apiUrl: string;
  stats: Stats;
  limits: RateLimits;
  resetStats: () => void;
}

const ANONYMOUS_LIMIT = 60;
const PRIMARY_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

export function emptyStats(): Stats {
  return { rest: { requests: 0, notModified: 0, byRoute: {} }, graphql: { queries: 0, points: 0 }, secondaryRefused: 0 };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { world, scenario } = opts;
  const matchers = opts.routes.map((r) => ({ route: r, match: compile(r.template) }));
  const limits = new RateLimits((resource, key) => {
    if (key === 'anonymous') return ANONYMOUS_LIMIT;
    return (resource === 'graphql' ? scenario.rateLimits?.graphql : scenario.rateLimits?.rest) ?? 5000;
  });
  const running: RunningServer = { server: undefined as unknown as Server, apiUrl: '', stats: emptyStats(), limits, resetStats: () => {} };
  running.resetStats = () => {
    running.stats = emptyStats();
    limits.reset();
    seen = 0;
  };
  let seen = 0;

  const secondary = scenario.faults?.secondaryRateLimit;
  /** Whether this request falls in the scenario's secondary-rate-limit fault window. */
  const secondaryHit = () => {
    seen += 1;
    if (!secondary) return false;
    const after = secondary.after ?? 0;
    return seen > after && seen <= after + secondary.count;
  };

  const faultFor = (route: string) => scenario.faults?.answers?.find((f) => f.routes.includes(route));
  const inject = githubFaults(scenario.faults);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = randomBytes(8)
      .toString('hex')
      .toUpperCase()
      .replace(/(.{4})(.{4})(.{4})(.{4})/, '$1:$2:$3:$4');
    const url = new URL(req.url ?? '/', running.apiUrl);
    let injected: Injected;
    const send = (answer: RestAnswer & { text?: string }, extra: Record<string, string> = {}) => {
      const headers: Record<string, string> = {
        'x-github-request-id': requestId,
        'x-github-media-type': 'github.v3; format=json',
        ...extra,
        ...answer.headers,
      };
      if (answer.body === undefined) {
        res.writeHead(answer.status, headers).end();
        return;
      }
      let text = answer.text ?? JSON.stringify(answer.body);
      if (injected?.kind === 'spoil' && answer.status === 200) text = injected.spoil(text);
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(text);
    };

    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const token = auth?.[1] ? (world.token(auth[1]) ?? null) : null;
    if (auth && !token) return send(error(401, 'Bad credentials', 'https://docs.github.com/rest'));
    const key = token?.name ?? 'anonymous';
    const identity: Record<string, string> = token ? { 'x-oauth-scopes': token.scopes.join(', '), 'x-accepted-oauth-scopes': '' } : {};

    if (url.pathname === '/graphql') {
      if (req.method !== 'POST') return send(error(404, 'Not Found'));
      if (!token)
        return send(
          error(
            401,
            'This endpoint requires you to be authenticated.',
            'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
          ),
        );
      if (secondaryHit()) return send(secondaryAnswer(requestId, secondary?.status, secondary?.retryAfterSeconds));
      injected = inject('POST /graphql', requestId);
      if (injected?.kind === 'drop') return drop(req, injected.how);
      if (injected?.kind === 'answer') return send(injected.answer);
      const body = await readJson(req);
      const out = opts.graphql ? await opts.graphql(body, token, limits, key) : { status: 404, body: { message: 'Not Found' }, points: 0 };
      const fault = faultFor('POST /graphql');
      if (fault?.graphqlError && out.status === 200) {
        const answer = out.body as { errors?: unknown[] };
        out.body = { ...answer, errors: [...(answer.errors ?? []), { type: 'INTERNAL', message: fault.graphqlError }] };
      }
      running.stats.graphql.queries += 1;
      running.stats.graphql.points += out.points;
      return send(spoiled(fault, { status: out.status, body: out.body }, url), { ...identity, ...limits.headers('graphql', key) });
    }

    const path = url.pathname;
    let found: { route: Route; params: Record<string, string> } | undefined;
    for (const m of matchers) {
      const params = m.match(path);
      if (params) {
        found = { route: m.route, params };
        break;
      }
    }
    if (path === '/rate_limit' && req.method === 'GET') {
      // Does not count against the limit, as on GitHub.
      const resource = (r: string) => ({
        limit: limits.window(r, key).limit,
        used: limits.window(r, key).used,
        remaining: limits.window(r, key).limit - limits.window(r, key).used,
        reset: limits.window(r, key).reset,
      });
      return send(
        { status: 200, body: { resources: { core: resource('core'), graphql: resource('graphql') }, rate: resource('core') } },
        { ...identity, ...limits.headers('core', key) },
      );
    }
    if (!found) return send(error(404, 'Not Found'));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(error(405, 'The annexa sandbox is read-only: only GET is served.'), { allow: 'GET, HEAD' });
    }
    const routeKey = `GET ${found.route.template}`;
    running.stats.rest.byRoute[routeKey] = (running.stats.rest.byRoute[routeKey] ?? 0) + 1;
    if (secondaryHit()) return send(secondaryAnswer(requestId, secondary?.status, secondary?.retryAfterSeconds));
    injected = inject(routeKey, requestId);
    if (injected?.kind === 'drop') return drop(req, injected.how);
    if (injected?.kind === 'answer') return send(injected.answer);

    const window = limits.window('core', key);
    if (window.used >= window.limit) {
      return send(error(403, `API rate limit exceeded for ${token ? `user ID ${token.userId}` : 'this IP'}.`, PRIMARY_DOCS), {
        ...identity,
        ...limits.headers('core', key),
      });
    }
    const answer: RestAnswer & { text?: string } = found.route.handle({
      api: running.apiUrl,
      world,
      token,
      params: found.params,
      query: url.searchParams,
      url,
    });
    if (answer.status === 200 || answer.status === 204) {
      answer.text = answer.body === undefined ? undefined : JSON.stringify(answer.body);
      // The ETag varies with the token, as GitHub's does (its responses vary on Authorization).
      const etag = `W/"${createHash('sha256')
        .update(key)
        .update(answer.text ?? '')
        .digest('hex')
        .slice(0, 40)}"`;
      answer.headers = {
        ...answer.headers,
        etag,
        'cache-control': 'private, max-age=60, s-maxage=60',
        vary: 'Accept, Authorization, Cookie, X-GitHub-OTP',
      };
      if (token && ifNoneMatch(req.headers['if-none-match'], etag)) {
        // A conditional request answered 304 costs nothing against the primary limit.
        running.stats.rest.notModified += 1;
        return send({ status: 304, headers: answer.headers }, { ...identity, ...limits.headers('core', key) });
      }
    }
    limits.spend('core', key);
    running.stats.rest.requests += 1;
    opts.log?.debug({ route: routeKey, status: answer.status, token: key }, 'github sandbox request');
    return send(spoiled(faultFor(routeKey), answer, url), { ...identity, ...limits.headers('core', key) });
  };

  const model = rateModel({ latencyMs: scenario.latencyMs, secondary: scenario.rateLimits?.secondary }, (after) =>
    secondaryAnswer(randomBytes(8).toString('hex').toUpperCase(), 403, after),
  );
  const server = createServer((req, res) => {
    const serve = () => handle(req, res);
    (model ? model.around(req, res, serve).finally(() => (running.stats.secondaryRefused = model.refused())) : serve()).catch(
      (err: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `sandbox error: ${(err as Error).message}` }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  running.server = server;
  running.apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return running;
}

/** A successful answer as the scenario's fault spoils it; anything else as it is. */
function spoiled(fault: AnswerFault | undefined, answer: RestAnswer & { text?: string }, url: URL): RestAnswer & { text?: string } {
  if (!fault || answer.status !== 200) return answer;
  if (fault.redirectTo) return { status: 302, headers: { location: `${fault.redirectTo.replace(/\/$/, '')}${url.pathname}${url.search}` } };
  const headers = { ...answer.headers };
  if (fault.linkOrigin) {
    const next = new URL(`${url.pathname}${url.search}`, fault.linkOrigin);
    next.searchParams.set('page', String(Number(url.searchParams.get('page') ?? '1') + 1));
    headers.link = `<${next.href}>; rel="next"`;
  }
  const text = answer.text ?? (answer.body === undefined ? undefined : JSON.stringify(answer.body));
  if (fault.body === 'empty') return { ...answer, headers, text: '' };
  if (fault.body === 'truncated' && text !== undefined) return { ...answer, headers, text: text.slice(0, Math.floor(text.length / 2)) };
  return { ...answer, headers };
}

function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
