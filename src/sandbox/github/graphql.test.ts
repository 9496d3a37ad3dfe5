import { graphql, GraphqlResponseError } from '@octokit/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario.js';
import { startGithubSandbox, type GithubSandbox, type GithubScenario } from './index.js';
import { generateLargeOrg } from './large-org.js';
import { nth } from '../../../test/helpers/nth.js';

let acme: GithubSandbox;
const gql = (sb: GithubSandbox, token = 'default') =>
  graphql.defaults({ baseUrl: sb.apiUrl, headers: { authorization: `token ${sb.tokens[token]}` } });

/** The errors GitHub (and so the sandbox) answers for a query, or [] when it ran. */
async function errorsOf(p: Promise<unknown>): Promise<{ type?: string; message: string }[]> {
  try {
    await p;
    return [];
  } catch (err) {
    if (err instanceof GraphqlResponseError) return err.errors as { type?: string; message: string }[];
    throw err;
  }
}

const REPO = `query($owner: String!, $name: String!) {
  rateLimit { cost remaining limit used nodeCount resetAt }
  repository(owner: $owner, name: $name) {
    name nameWithOwner isArchived viewerPermission hasVulnerabilityAlertsEnabled
    defaultBranchRef { name }
    branchProtectionRules(first: 10) { nodes { pattern requiresApprovingReviews requiredApprovingReviewCount dismissesStaleReviews
      allowsForcePushes allowsDeletions isAdminEnforced requiresStatusChecks requiredStatusCheckContexts requiresCodeOwnerReviews } }
    rulesets(first: 5) { nodes { name enforcement target conditions { refName { include exclude } }
      rules(first: 20) { nodes { type parameters { __typename
        ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush requireCodeOwnerReview }
        ... on RequiredStatusChecksParameters { requiredStatusChecks { context } } } } }
      bypassActors(first: 10) { nodes { bypassMode organizationAdmin enterpriseOwner repositoryRoleName actor { __typename ... on Team { slug } } } } } }
    root: object(expression: "HEAD:CODEOWNERS") { ... on Blob { byteSize } }
    dotGithub: object(expression: "HEAD:.github/CODEOWNERS") { ... on Blob { byteSize } }
    deployKeys(first: 10) { nodes { title readOnly } }
    collaborators(affiliation: OUTSIDE, first: 10) { edges { permission node { login } } }
  }
}`;

interface RepoAnswer {
  rateLimit: { cost: number; remaining: number; limit: number; used: number; nodeCount: number; resetAt: string };
  repository: {
    viewerPermission: string;
    hasVulnerabilityAlertsEnabled: boolean;
    defaultBranchRef: { name: string };
    branchProtectionRules: { nodes: Record<string, unknown>[] };
    rulesets: {
      nodes: {
        name: string;
        enforcement: string;
        rules: { nodes: { type: string; parameters: Record<string, unknown> | null }[] };
        bypassActors: { nodes: Record<string, unknown>[] } | null;
      }[];
    };
    root: { byteSize: number } | null;
    dotGithub: { byteSize: number } | null;
    deployKeys: { nodes: { title: string; readOnly: boolean }[] };
    collaborators: { edges: { permission: string; node: { login: string } }[] } | null;
  };
}

beforeAll(async () => {
  acme = await startGithubSandbox(loadScenario('acme').github as GithubScenario);
});
afterAll(() => acme.stop());

describe('GraphQL over the scenario', () => {
  it('answers the bulk repository query with classic protection, files, keys and collaborators', async () => {
    const r = await gql(acme)<RepoAnswer>(REPO, { owner: 'acme', name: 'platform-api' });
    expect(r.repository.viewerPermission).toBe('ADMIN');
    expect(r.repository.hasVulnerabilityAlertsEnabled).toBe(true);
    expect(r.repository.branchProtectionRules.nodes).toEqual([
      {
        pattern: 'main',
        requiresApprovingReviews: true,
        requiredApprovingReviewCount: 2,
        dismissesStaleReviews: true,
        allowsForcePushes: false,
        allowsDeletions: false,
        isAdminEnforced: true,
        requiresStatusChecks: true,
        requiredStatusCheckContexts: ['ci/build', 'ci/test'],
        requiresCodeOwnerReviews: true,
      },
    ]);
    expect(r.repository.root).toBeNull();
    expect(r.repository.dotGithub).toEqual({ byteSize: 17 });
    expect(r.repository.deployKeys.nodes).toEqual([{ title: 'argocd (read)', readOnly: true }]);
    expect(r.repository.collaborators?.edges).toEqual([{ permission: 'READ', node: { login: 'contractor-zoe' } }]);
  });

  it('answers rulesets with typed rule parameters and bypass actors', async () => {
    const r = await gql(acme)<RepoAnswer>(REPO, { owner: 'acme', name: 'infra-terraform' });
    const rs = nth(r.repository.rulesets.nodes, 0);
    expect(rs.enforcement).toBe('ACTIVE');
    expect(rs.rules.nodes.map((n) => n.type)).toEqual(['DELETION', 'NON_FAST_FORWARD', 'PULL_REQUEST', 'REQUIRED_STATUS_CHECKS']);
    expect(rs.rules.nodes[2]?.parameters).toEqual({
      __typename: 'PullRequestParameters',
      requiredApprovingReviewCount: 1,
      dismissStaleReviewsOnPush: true,
      requireCodeOwnerReview: true,
    });
    expect(rs.bypassActors?.nodes).toEqual([
      { bypassMode: 'ALWAYS', organizationAdmin: false, enterpriseOwner: false, repositoryRoleName: 'admin', actor: null },
      {
        bypassMode: 'PULL_REQUEST',
        organizationAdmin: false,
        enterpriseOwner: false,
        repositoryRoleName: null,
        actor: { __typename: 'Team', slug: 'team-42' },
      },
      { bypassMode: 'ALWAYS', organizationAdmin: false, enterpriseOwner: true, repositoryRoleName: null, actor: null },
    ]);
  });

  it('answers the classic rule on the default branch with its bypass allowances, and a ruleset by node id', async () => {
    const q = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {
      defaultBranchRef { branchProtectionRule { pattern
        bypassPullRequestAllowances(first: 10) { nodes { actor { __typename ... on Team { slug } } } }
        bypassForcePushAllowances(first: 10) { nodes { actor { __typename } } } } }
      rulesets(first: 1) { nodes { id name } } } }`;
    type Answer = {
      repository: {
        defaultBranchRef: { branchProtectionRule: Record<string, unknown> | null };
        rulesets: { nodes: { id: string; name: string }[] };
      };
    };
    const mobile = await gql(acme)<Answer>(q, { owner: 'acme', name: 'mobile-app' });
    expect(mobile.repository.defaultBranchRef.branchProtectionRule).toEqual({
      pattern: 'main',
      bypassPullRequestAllowances: { nodes: [{ actor: { __typename: 'Team', slug: 'mobile-leads' } }] },
      bypassForcePushAllowances: { nodes: [] },
    });
    const infra = await gql(acme)<Answer>(q, { owner: 'acme', name: 'infra-terraform' });
    const id = infra.repository.rulesets.nodes[0]?.id;
    const node = await gql(acme)<{ node: { name: string; bypassActors: { totalCount: number } } }>(
      'query($id: ID!) { node(id: $id) { ... on RepositoryRuleset { name bypassActors(first: 1) { totalCount } } } }',
      { id },
    );
    expect(node.node).toEqual({ name: 'main-rules', bypassActors: { totalCount: 3 } });
    const hidden = await gql(acme, 'readonly')<Answer>(q, { owner: 'acme', name: 'mobile-app' });
    expect(hidden.repository.defaultBranchRef.branchProtectionRule).toBeNull();
  });

  it('hides protection from a token without admin behind an empty list, and says so in viewerPermission', async () => {
    const r = await gql(acme, 'readonly')<RepoAnswer>(REPO, { owner: 'acme', name: 'platform-api' });
    expect(r.repository.viewerPermission).toBe('WRITE');
    expect(r.repository.branchProtectionRules.nodes).toEqual([]);
    expect(r.repository.deployKeys.nodes).toEqual([]);
    expect(r.repository.hasVulnerabilityAlertsEnabled).toBe(false);
  });

  it('answers NOT_FOUND for a repository the token cannot see, and FORBIDDEN for collaborators without push', async () => {
    expect(await errorsOf(gql(acme, 'public-only')(REPO, { owner: 'acme', name: 'web-app' }))).toEqual([
      expect.objectContaining({ type: 'NOT_FOUND', message: "Could not resolve to a Repository with the name 'acme/web-app'." }),
    ]);
    const errors = await errorsOf(gql(acme, 'public-only')(REPO, { owner: 'acme', name: 'docs-site' }));
    expect(errors).toEqual([
      expect.objectContaining({ type: 'FORBIDDEN', message: 'Must have push access to view repository collaborators.' }),
    ]);
  });

  it('answers a workflow folder as a Tree whose entries carry their Blob text, and a missing path as null', async () => {
    const q = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {
      workflows: object(expression: "HEAD:.github/workflows") { __typename ... on Tree { entries { name type
        object { __typename ... on Blob { text isBinary isTruncated } } } } }
      policy: object(expression: "HEAD:SECURITY.md") { __typename }
      none: object(expression: "HEAD:docs/SECURITY.md") { __typename } } }`;
    const r = await gql(acme)<{
      repository: Record<string, { __typename: string; entries?: { name: string; object: { text: string } }[] } | null>;
    }>(q, { owner: 'acme', name: 'platform-api' });
    expect(r.repository.workflows).toMatchObject({
      __typename: 'Tree',
      entries: [{ name: 'ci.yml', type: 'blob', object: { __typename: 'Blob', isBinary: false, isTruncated: false } }],
    });
    expect(r.repository.workflows?.entries?.[0]?.object.text).toContain('permissions:');
    expect(r.repository.policy).toEqual({ __typename: 'Blob' });
    expect(r.repository.none).toBeNull();
  });

  it('answers NOT_FOUND for an organisation without a .github repository', async () => {
    const q = `{ repository(owner: "acme", name: ".github") { visibility } }`;
    expect(await errorsOf(gql(acme)(q))).toEqual([expect.objectContaining({ type: 'NOT_FOUND' })]);
    expect(await gql(acme)(q.replace('"acme"', '"acme-labs"'))).toEqual({ repository: { visibility: 'PUBLIC' } });
  });

  it('pages organisation repositories and members, with the owner-only fields', async () => {
    const q = `query($after: String) { organization(login: "acme-labs") { requiresTwoFactorAuthentication
      membersWithRole(first: 4) { edges { role hasTwoFactorEnabled node { login } } }
      repositories(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { name isArchived } } } }`;
    const r = await gql(acme)<{
      organization: {
        requiresTwoFactorAuthentication: boolean;
        membersWithRole: { edges: { role: string; hasTwoFactorEnabled: boolean }[] };
      };
    }>(q);
    expect(r.organization.requiresTwoFactorAuthentication).toBe(false);
    expect(r.organization.membersWithRole.edges[1]).toMatchObject({ role: 'ADMIN', hasTwoFactorEnabled: false });
    const reader = await gql(acme, 'readonly')<{ organization: { requiresTwoFactorAuthentication: null } }>(q);
    expect(reader.organization.requiresTwoFactorAuthentication).toBeNull();
  });
});

describe('GraphQL validation, cost and rate limit', () => {
  it('rejects what GitHub rejects: unknown fields, missing first/last, first over 100, too many nodes', async () => {
    const unknown = await errorsOf(gql(acme)('{ repository(owner: "acme", name: "web-app") { protectedness } }'));
    expect(unknown[0]?.message).toMatch(/Cannot query field "protectedness" on type "Repository"/);
    const unpaged = await errorsOf(gql(acme)('{ organization(login: "acme") { repositories { nodes { name } } } }'));
    expect(unpaged).toEqual([expect.objectContaining({ type: 'MISSING_PAGINATION_BOUNDARIES' })]);
    const tooMany = await errorsOf(
      gql(acme)('query($n: Int) { organization(login: "acme") { repositories(first: $n) { nodes { name } } } }', { n: 101 }),
    );
    expect(tooMany).toEqual([
      expect.objectContaining({
        type: 'EXCESSIVE_PAGINATION',
        message: 'Requesting 101 records on the `repositories` connection exceeds the `first` limit of 100 records.',
      }),
    ]);
    const huge = await errorsOf(
      gql(acme)(`{ organization(login: "acme") { repositories(first: 100) { nodes {
      collaborators(first: 100) { nodes { repositories(first: 100) { nodes { name } } } } } } } }`),
    );
    expect(huge).toEqual([expect.objectContaining({ type: 'MAX_NODE_LIMIT_EXCEEDED' })]);
    expect(await errorsOf(gql(acme)('{ viewer { login'))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Syntax Error/) }),
    ]);
  });

  it('computes the node-based cost of GitHub documentation example and charges it', async () => {
    // 1 request for 100 repositories + 100 for their issues + 5,000 for the labels of 5,000 issues = 5,101 → 51 points.
    const q = `query { rateLimit { cost nodeCount } viewer { login repositories(first: 100) { edges { node { id
      issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } } }`;
    acme.resetStats();
    const r = await gql(acme, 'auditor')<{ rateLimit: { cost: number; nodeCount: number } }>(q);
    expect(r.rateLimit).toEqual({ cost: 51, nodeCount: 100 + 5000 + 300000 });
    const small = await gql(acme, 'auditor')<RepoAnswer>(REPO, { owner: 'acme', name: 'web-app' });
    expect(small.rateLimit).toMatchObject({ cost: 1, limit: 5000, used: 52, remaining: 4948 });
    expect(acme.stats().graphql).toEqual({ queries: 2, points: 52 });
  });

  it('keeps a GraphQL budget apart from REST and answers RATE_LIMITED once it is spent', async () => {
    const sb = await startGithubSandbox(generateLargeOrg(10, 5, { scenario: { rateLimits: { graphql: 2, rest: 100 } } }));
    try {
      const q = '{ rateLimit { remaining } organization(login: "bigcorp") { repositories(first: 10) { nodes { name } } } }';
      expect(await gql(sb)<{ rateLimit: { remaining: number } }>(q)).toMatchObject({ rateLimit: { remaining: 1 } });
      await gql(sb)(q);
      expect(await errorsOf(gql(sb)(q))).toEqual([expect.objectContaining({ type: 'RATE_LIMITED' })]);
      const rest = await fetch(`${sb.apiUrl}/rate_limit`, { headers: { authorization: `token ${sb.tokens.default}` } });
      expect(((await rest.json()) as { resources: { core: { used: number }; graphql: { used: number } } }).resources).toMatchObject({
        core: { used: 0 },
        graphql: { used: 2 },
      });
    } finally {
      await sb.stop();
    }
  });

  it('does not charge rateLimit(dryRun: true), and answers secondary-limit faults with 403 and retry-after', async () => {
    const sb = await startGithubSandbox({
      ...generateLargeOrg(3, 3),
      faults: { secondaryRateLimit: { after: 1, count: 1, retryAfterSeconds: 3 } },
    });
    try {
      const dry = await gql(sb)<{ rateLimit: { cost: number; used: number } }>(
        '{ rateLimit(dryRun: true) { cost used } viewer { login } }',
      );
      expect(dry.rateLimit).toEqual({ cost: 1, used: 0 });
      const res = await fetch(`${sb.apiUrl}/graphql`, {
        method: 'POST',
        headers: { authorization: `bearer ${sb.tokens.default}` },
        body: JSON.stringify({ query: '{ viewer { login } }' }),
      });
      expect([res.status, res.headers.get('retry-after')]).toEqual([403, '3']);
      expect(sb.stats().graphql).toEqual({ queries: 1, points: 0 });
    } finally {
      await sb.stop();
    }
  });
});
