import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

let schema: Promise<GraphQLSchema> | undefined;

/**
 * GitHub's published GraphQL schema, from the introspection result that
 * `@octokit/graphql-schema` ships (its SDL repeats some fields, which
 * `buildSchema` rejects; the introspection JSON builds cleanly). Built once,
 * on first use: the package parses a 5 MB JSON file when imported.
 */
export function githubSchema(): Promise<GraphQLSchema> {
  schema ??= import('@octokit/graphql-schema').then(({ schema: published }) => {
    const json = published.json as { data?: IntrospectionQuery } & IntrospectionQuery;
    return buildClientSchema(json.data ?? json);
  });
  return schema;
}
