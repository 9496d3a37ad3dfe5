import {
  GraphQLError,
  getNamedType,
  isCompositeType,
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** GitHub's limits on one GraphQL call. */
export const MAX_PAGE = 100;
export const MAX_NODES = 500_000;

export interface QueryCost {
  /** Rate-limit points: the requests needed to fill every connection, divided by 100, rounded, at least 1. */
  cost: number;
  /** Nodes the query may return at most (GitHub refuses more than 500,000). */
  nodeCount: number;
  /** Whether the query asks `rateLimit(dryRun: true)`: cost it, do not charge it. */
  dryRun: boolean;
  errors: GraphQLError[];
}

/**
 * GitHub's node-based cost and its pagination rules, over an already
 * validated document: every connection needs `first` or `last` within
 * 1..100, and it costs one request per node of its parent (assuming every
 * page is full), as documented in "Rate limits and node limits for the
 * GraphQL API".
 */
export function analyse(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const op = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const out = { requests: 0, nodes: 0, dryRun: false, errors: [] as GraphQLError[] };
  const root =
    op &&
    (op.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : op.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : null);
  if (!op || !root) return { cost: 1, nodeCount: 0, dryRun: false, errors: out.errors };
  const defaults = Object.fromEntries((op.variableDefinitions ?? []).map((v) => [v.variable.name.value, v.defaultValue]));

  const intArg = (field: FieldNode, name: string): number | undefined => {
    const arg = field.arguments?.find((a) => a.name.value === name);
    return arg ? intValue(arg.value, variables, defaults) : undefined;
  };

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, path: string[]) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(sel.selectionSet, type, multiplier, path);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        const type = frag && schema.getType(frag.typeCondition.name.value);
        if (frag && type && isCompositeType(type)) walk(frag.selectionSet, type, multiplier, path);
      } else {
        const name = sel.name.value;
        if (name === 'rateLimit' && sel.arguments?.some((a) => a.name.value === 'dryRun' && a.value.kind === Kind.BOOLEAN && a.value.value))
          out.dryRun = true;
        if (name.startsWith('__') || !('getFields' in parent)) continue;
        const def = parent.getFields()[name];
        if (!def) continue;
        const type = getNamedType(def.type);
        let inner = multiplier;
        const paginated = def.args.some((a) => a.name === 'first') && def.args.some((a) => a.name === 'last');
        if (paginated && type.name.endsWith('Connection')) {
          const first = intArg(sel, 'first');
          const last = intArg(sel, 'last');
          const size = first ?? last;
          if (size === undefined) {
            out.errors.push(
              gqlError(
                'MISSING_PAGINATION_BOUNDARIES',
                `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
                sel,
                path,
              ),
            );
            continue;
          }
          const which = first !== undefined ? 'first' : 'last';
          if (size > MAX_PAGE) {
            out.errors.push(
              gqlError(
                'EXCESSIVE_PAGINATION',
                `Requesting ${size} records on the \`${name}\` connection exceeds the \`${which}\` limit of ${MAX_PAGE} records.`,
                sel,
                path,
              ),
            );
            continue;
          }
          if (size < 0) {
            out.errors.push(
              gqlError('INVALID_PAGINATION', `\`${which}\` on the \`${name}\` connection cannot be less than zero.`, sel, path),
            );
            continue;
          }
          out.requests += multiplier;
          inner = multiplier * size;
          out.nodes += inner;
          if (out.nodes > MAX_NODES) {
            out.errors.push(
              gqlError(
                'MAX_NODE_LIMIT_EXCEEDED',
                `By the time this query traverses to the ${name} connection, it is requesting up to ${out.nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.`,
                sel,
                path,
              ),
            );
            return;
          }
        }
        if (sel.selectionSet && isCompositeType(type)) walk(sel.selectionSet, type, inner, [...path, sel.alias?.value ?? name]);
      }
    }
  };
  walk(op.selectionSet, root, 1, []);
  return { cost: Math.max(1, Math.round(out.requests / 100)), nodeCount: out.nodes, dryRun: out.dryRun, errors: out.errors };
}

function intValue(
  value: ValueNode,
  variables: Record<string, unknown>,
  defaults: Record<string, ValueNode | undefined>,
): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    if (typeof v === 'number') return v;
    const d = defaults[value.name.value];
    return d && v === undefined ? intValue(d, {}, {}) : undefined;
  }
  return undefined;
}

/** A GraphQL error as GitHub words it: a `type` beside the message. */
export function gqlError(type: string, message: string, node?: FieldNode, path?: string[]): GraphQLError {
  return new GraphQLError(message, { nodes: node, path, extensions: { type } });
}
