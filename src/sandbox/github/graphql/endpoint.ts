import {
  execute,
  Kind,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
  type GraphQLFormattedError,
} from 'graphql';
import { web } from '../rest-shapes.js';
import type { GraphqlEndpoint } from '../server.js';
import type { World } from '../world.js';
import { modelResolver } from './connection.js';
import { analyse } from './cost.js';
import { queryRoot } from './root.js';
import { githubSchema } from './schema.js';

interface Request {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** GitHub words errors with a `type` (NOT_FOUND, FORBIDDEN, RATE_LIMITED…) beside the message. */
function format(errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  return errors.map((e) => {
    const json = e.toJSON();
    const type = e.extensions?.type;
    return typeof type === 'string' ? { type, ...json } : json;
  });
}

const answer = (body: unknown, points = 0) => ({ status: 200, body, points });

/**
 * POST /graphql: parse, validate against GitHub's published schema, apply
 * GitHub's pagination and node limits, charge the node-based cost to the
 * token's GraphQL budget, then execute over the scenario.
 */
export async function graphqlEndpoint(world: World, apiUrl: () => string): Promise<GraphqlEndpoint> {
  const schema = await githubSchema();
  return async (body, token, limits, key) => {
    const req = (body ?? {}) as Request;
    if (!token) return { status: 401, body: { message: 'This endpoint requires you to be authenticated.' }, points: 0 };
    if (body === undefined)
      return { status: 400, body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/graphql' }, points: 0 };
    if (typeof req.query !== 'string')
      return answer({ errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
    let document: DocumentNode;
    try {
      document = parse(req.query);
    } catch (err) {
      return answer({ errors: format([err as GraphQLError]) });
    }
    const invalid = validate(schema, document);
    if (invalid.length) return answer({ errors: format(invalid) });
    const variables = (req.variables ?? {}) as Record<string, unknown>;
    const operationName = typeof req.operationName === 'string' ? req.operationName : undefined;
    const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (ops.some((o) => o.operation !== OperationTypeNode.QUERY)) {
      return answer({ errors: [{ type: 'FORBIDDEN', message: 'The annexa sandbox is read-only: only queries are served.' }] });
    }
    const cost = analyse(schema, document, operationName, variables);
    if (cost.errors.length) return answer({ errors: format(cost.errors) });

    const window = limits.window('graphql', key);
    if (!cost.dryRun && window.used + cost.cost > window.limit) {
      return answer({ errors: [{ type: 'RATE_LIMITED', message: `API rate limit already exceeded for user ID ${token.userId}.` }] });
    }
    if (!cost.dryRun) limits.spend('graphql', key, cost.cost);
    const rateLimit = {
      cost: cost.cost,
      limit: window.limit,
      nodeCount: cost.nodeCount,
      used: window.used,
      remaining: window.limit - window.used,
      resetAt: new Date(window.reset * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    const result = await execute({
      schema,
      document,
      operationName,
      variableValues: variables,
      rootValue: queryRoot({ world, token, web: web(apiUrl()), rateLimit }),
      fieldResolver: modelResolver,
    });
    const out: Record<string, unknown> = {};
    if (result.errors?.length) out.errors = format(result.errors);
    out.data = result.data ?? null;
    return answer(out, cost.dryRun ? 0 : cost.cost);
  };
}
