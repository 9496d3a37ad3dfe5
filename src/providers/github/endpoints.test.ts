import { describe, expect, it } from 'vitest';
import { graphqlUrl, restBaseUrl } from './endpoints.js';

describe('GitHub endpoints', () => {
  it.each([
    ['https://api.github.com', 'https://api.github.com/graphql'],
    ['https://api.github.com/', 'https://api.github.com/graphql'],
    ['https://ghe.example.com/api/v3', 'https://ghe.example.com/api/graphql'],
    ['https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/graphql'],
    ['http://127.0.0.1:4100', 'http://127.0.0.1:4100/graphql'],
    ['http://127.0.0.1:4100/prefix', 'http://127.0.0.1:4100/prefix/graphql'],
  ])('derives the GraphQL endpoint of %s', (api, gql) => {
    expect(graphqlUrl(api)).toBe(gql);
  });

  it('drops trailing slashes from the REST base', () => {
    expect(restBaseUrl('https://ghe.example.com/api/v3//')).toBe('https://ghe.example.com/api/v3');
  });
});
