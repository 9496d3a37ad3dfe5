import { graphql } from '@octokit/graphql';
import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { startGithubSandbox } from './index.js';
import { generateLargeOrg } from './large-org.js';

describe('generateLargeOrg', () => {
  it('is deterministic and has the size asked for', () => {
    const a = generateLargeOrg(300, 40);
    expect(a).toEqual(generateLargeOrg(300, 40));
    expect(a.orgs?.[0]?.repos).toHaveLength(300);
    expect(a.orgs?.[0]?.members).toHaveLength(40);
    const repos = a.orgs?.[0]?.repos ?? [];
    expect(repos.filter((r) => r.archived)).toHaveLength(12);
    expect(repos.filter((r) => r.rulesets).length).toBe(75);
    expect(repos.filter((r) => r.branch_protection).length).toBe(75);
  });

  it('serves thousands of repositories in pages of 100, REST and GraphQL alike, and counts the budget', async () => {
    const sb = await startGithubSandbox({ generate: { repos: 2500, members: 300 } });
    try {
      const octokit = new Octokit({ baseUrl: sb.apiUrl, auth: sb.tokens.default });
      const repos = await octokit.paginate(octokit.rest.repos.listForOrg, { org: 'bigcorp', per_page: 100 });
      expect(repos).toHaveLength(2500);
      expect(sb.stats().rest.requests).toBe(25);

      const gql = graphql.defaults({ baseUrl: sb.apiUrl, headers: { authorization: `token ${sb.tokens.default}` } });
      const q = `query($after: String) { rateLimit { cost } organization(login: "bigcorp") {
        repositories(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { name
          branchProtectionRules(first: 10) { nodes { pattern } } deployKeys(first: 10) { nodes { readOnly } } } } } }`;
      let after: string | null = null;
      let names = 0;
      let pages = 0;
      do {
        const page: {
          rateLimit: { cost: number };
          organization: { repositories: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: unknown[] } };
        } = await gql(q, { after });
        // 1 request for the repositories + 100 for each nested connection: 201 → 2 points.
        expect(page.rateLimit.cost).toBe(2);
        names += page.organization.repositories.nodes.length;
        after = page.organization.repositories.pageInfo.hasNextPage ? page.organization.repositories.pageInfo.endCursor : null;
        pages += 1;
      } while (after);
      expect(names).toBe(2500);
      expect(sb.stats().graphql).toEqual({ queries: pages, points: 2 * pages });
    } finally {
      await sb.stop();
    }
  });
});
