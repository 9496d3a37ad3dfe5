import { buildClientSchema, extendSchema, parse, type GraphQLSchema, type IntrospectionQuery } from 'graphql';

let schema: Promise<GraphQLSchema> | undefined;

/**
 * Fields that the package's SDL (schema.graphql) declares and its older
 * introspection JSON lacks, copied from the SDL: without them the emulator
 * would reject queries that GitHub answers.
 */
const FROM_SDL = `
extend type RepositoryRulesetBypassActor {
  "This actor represents the ability for an enterprise owner to bypass"
  enterpriseOwner: Boolean!
}`;

/**
 * GitHub's published GraphQL schema, from the introspection result that
 * `@octokit/graphql-schema` ships (its SDL repeats some fields, which
 * `buildSchema` rejects; the introspection JSON builds cleanly), with the
 * SDL's newer fields above. Built once, on first use: the package parses a
 * 5 MB JSON file when imported.
 */
export function githubSchema(): Promise<GraphQLSchema> {
  schema ??= import('@octokit/graphql-schema').then(({ schema: published }) => {
    const json = published.json as { data?: IntrospectionQuery } & IntrospectionQuery;
    return extendSchema(buildClientSchema(json.data ?? json), parse(FROM_SDL));
  });
  return schema;
}
