import { schema as published } from '@octokit/graphql-schema';
import { buildClientSchema, parse, validate, type IntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MORE_RULESETS_QUERY, batchQuery, batchVariables } from './graphql-query.js';

// GitHub's published schema; its SDL has duplicate fields, so it is built from the introspection JSON.
const introspection = published.json as unknown as { data?: IntrospectionQuery } & IntrospectionQuery;
const schema = buildClientSchema(introspection.data ?? introspection);

describe('bulk repository query', () => {
  it.each([1, 100])('is valid against GitHub’s schema for %i repositories', (n) => {
    expect(validate(schema, parse(batchQuery(n))).map((e) => e.message)).toEqual([]);
  });

  it('the rulesets follow-up is valid', () => {
    expect(validate(schema, parse(MORE_RULESETS_QUERY)).map((e) => e.message)).toEqual([]);
  });

  it('reads the rate-limit cost, and passes names as variables', () => {
    expect(batchQuery(2)).toContain('rateLimit { cost remaining }');
    expect(batchVariables('acme', ['a"b', 'c'])).toEqual({ owner: 'acme', n0: 'a"b', n1: 'c' });
  });
});
