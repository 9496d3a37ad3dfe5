import { getNamedType, GraphQLError, type GraphQLFieldResolver } from 'graphql';

/** Arguments every GitHub connection takes. */
export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const cursorOf = (i: number) => Buffer.from(`cursor:v2:${i}`).toString('base64');
const indexOf = (cursor: string) => Number(/^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString())?.[1] ?? Number.NaN);

/**
 * A Relay connection over `items`, as GitHub pages: opaque cursors,
 * `after`/`before` then `first`/`last`, `pageInfo` and `totalCount`; `edge`
 * adds fields to an edge (e.g. a collaborator's `permission`); `node` turns
 * an item of the page (only) into its model.
 */
export function connection<T, N = T>(
  items: T[],
  args: PageArgs,
  edge: (item: T) => object = () => ({}),
  node: (item: T) => N = (item) => item as unknown as N,
) {
  let start = 0;
  let end = items.length;
  if (args.after) {
    const i = indexOf(args.after);
    if (Number.isNaN(i))
      throw new GraphQLError(`\`${args.after}\` does not appear to be a valid cursor.`, {
        extensions: { type: 'INVALID_CURSOR_ARGUMENTS' },
      });
    start = i + 1;
  }
  if (args.before) end = Math.min(end, indexOf(args.before));
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  const indices = Array.from({ length: Math.max(0, end - start) }, (_, k) => start + k);
  // every index lies in [start, end), within items
  const nodes = indices.map((i) => node(items[i]!));
  const [first, last] = [indices[0], indices.at(-1)];
  return {
    totalCount: items.length,
    nodes,
    edges: indices.map((i, k) => ({ cursor: cursorOf(i), node: nodes[k], ...edge(items[i]!) })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: first === undefined ? null : cursorOf(first),
      endCursor: last === undefined ? null : cursorOf(last),
    },
  };
}

/**
 * The default resolver of every field: a property of the model object, or a
 * method called with the field's arguments. A connection the model does not
 * hold is empty (so that a query asking for, say, issues still runs); any
 * other field it does not hold is `null` (an error only where the schema
 * says non-null), never a crash.
 */
export const modelResolver: GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> = (source, args, ctx, info) => {
  if (source === null || typeof source !== 'object') return null;
  const value = (source as Record<string, unknown>)[info.fieldName];
  if (typeof value === 'function') return (value as (a: unknown, c: unknown) => unknown).call(source, args, ctx);
  if (value !== undefined) return value;
  return getNamedType(info.returnType).name.endsWith('Connection') ? connection([], args as PageArgs) : null;
};
