import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { githubSchema } from '../../sandbox/github/graphql/schema.js';
import { MORE_RULESETS_QUERY, batchQuery, batchVariables, moreOfRulesetQuery } from './graphql-query.js';

// GitHub's published schema, as the emulator builds it.
const schema = await githubSchema();

describe('bulk repository query', () => {
  it.each([1, 100])('is valid against GitHub’s schema for %i repositories', (n) => {
    expect(validate(schema, parse(batchQuery(n))).map((e) => e.message)).toEqual([]);
  });

  it.each([
    ['rulesets', MORE_RULESETS_QUERY],
    ['rules of a ruleset', moreOfRulesetQuery('rules')],
    ['bypass actors of a ruleset', moreOfRulesetQuery('bypassActors')],
  ])('the %s follow-up is valid', (_what, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });

  it('reads the rate-limit cost, and passes names as variables', () => {
    expect(batchQuery(2)).toContain('rateLimit { cost remaining }');
    expect(batchVariables('acme', ['a"b', 'c'])).toEqual({ owner: 'acme', n0: 'a"b', n1: 'c' });
  });
});
