import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusOf } from '../../../test/support/github/octokit.js';
import { loadScenario } from '../scenario.js';
import { startGithubSandbox, type GithubSandbox, type GithubScenario } from './index.js';
import { generateLargeOrg } from './large-org.js';
import { nth } from '../../../test/helpers/nth.js';

let acme: GithubSandbox;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const client = (sb: GithubSandbox, token = 'default') => new Octokit({ baseUrl: sb.apiUrl, auth: sb.tokens[token], log: quiet });

beforeAll(async () => {
  acme = await startGithubSandbox(loadScenario('acme').github as GithubScenario);
});
afterAll(() => acme.stop());

describe('identity and organisation', () => {
  it('answers GET /user with the token login and its scopes', async () => {
    const res = await client(acme, 'readonly').rest.users.getAuthenticated();
    expect(res.data.login).toBe('acme-reader');
    expect(res.headers['x-oauth-scopes']).toBe('repo, read:org');
    expect(res.headers['x-github-request-id']).toMatch(/^[0-9A-F:]+$/);
  });

  it('rejects an unknown token with 401 Bad credentials', async () => {
    const res = await statusOf(new Octokit({ baseUrl: acme.apiUrl, auth: 'ghp_nope', log: quiet }).rest.users.getAuthenticated());
    expect(res).toEqual({ status: 401, message: 'Bad credentials' });
  });

  it('shows the 2FA requirement to an owner with admin:org, and null to others', async () => {
    const owner = await client(acme).rest.orgs.get({ org: 'acme' });
    expect(owner.data.two_factor_requirement_enabled).toBe(true);
    expect(owner.data.default_repository_permission).toBe('read');
    const labs = await client(acme).rest.orgs.get({ org: 'acme-labs' });
    expect(labs.data.two_factor_requirement_enabled).toBe(false);
    const reader = await client(acme, 'readonly').rest.orgs.get({ org: 'acme' });
    expect(reader.data.two_factor_requirement_enabled).toBeNull();
    expect(reader.data.default_repository_permission).toBeUndefined();
  });

  it('filters members by role and by 2FA, the latter for owners only', async () => {
    const admins = await client(acme).rest.orgs.listMembers({ org: 'acme-labs', role: 'admin' });
    expect(admins.data.map((m) => m.login)).toEqual(['alice', 'frank', 'grace', 'heidi', 'ivan']);
    const no2fa = await client(acme).rest.orgs.listMembers({ org: 'acme-labs', filter: '2fa_disabled' });
    expect(no2fa.data.map((m) => m.login)).toEqual(['frank', 'judy']);
    expect((await statusOf(client(acme, 'readonly').rest.orgs.listMembers({ org: 'acme', filter: '2fa_disabled' }))).status).toBe(422);
    const insecure = await client(acme).rest.orgs.listMembers({ org: 'acme-labs', filter: '2fa_insecure' });
    expect(insecure.data.map((m) => m.login)).toEqual(['ken']);
  });

  it('filters outside collaborators by 2FA for owners only', async () => {
    const no2fa = await client(acme).rest.orgs.listOutsideCollaborators({ org: 'acme-labs', filter: '2fa_disabled' });
    expect(no2fa.data.map((u) => u.login)).toEqual(['freelancer-kim']);
    expect((await client(acme).rest.orgs.listOutsideCollaborators({ org: 'acme-labs', filter: '2fa_insecure' })).data).toEqual([]);
    expect((await client(acme).rest.orgs.listOutsideCollaborators({ org: 'acme', filter: '2fa_disabled' })).data).toEqual([]);
    expect(
      (await statusOf(client(acme, 'readonly').rest.orgs.listOutsideCollaborators({ org: 'acme-labs', filter: '2fa_disabled' }))).status,
    ).toBe(403);
  });

  it('serves the selected-actions list to owners when actions are selected', async () => {
    const selected = await client(acme).rest.actions.getAllowedActionsOrganization({ org: 'acme' });
    expect(selected.data).toEqual({
      github_owned_allowed: true,
      verified_allowed: false,
      patterns_allowed: ['acme/*', 'hashicorp/setup-terraform@v3'],
    });
    expect((await statusOf(client(acme, 'readonly').rest.actions.getAllowedActionsOrganization({ org: 'acme' }))).status).toBe(403);
    expect((await statusOf(client(acme).rest.actions.getAllowedActionsOrganization({ org: 'acme-labs' }))).status).toBe(409);
  });

  it('lists outside collaborators: repository collaborators who are not members', async () => {
    const res = await client(acme).rest.orgs.listOutsideCollaborators({ org: 'acme' });
    expect(res.data.map((u) => u.login)).toEqual(['contractor-zoe', 'vendor-max']);
  });

  it('serves Actions permissions and org hooks to owners only, with the secret masked', async () => {
    const perms = await client(acme).rest.actions.getGithubActionsPermissionsOrganization({ org: 'acme-labs' });
    expect(perms.data.allowed_actions).toBe('all');
    const wf = await client(acme).rest.actions.getGithubActionsDefaultWorkflowPermissionsOrganization({ org: 'acme' });
    expect(wf.data.default_workflow_permissions).toBe('read');
    const hooks = await client(acme).rest.orgs.listWebhooks({ org: 'acme' });
    expect(hooks.data[0]?.config).toMatchObject({ url: 'https://hooks.acme.example/github', insecure_ssl: '0', secret: '********' });
    expect((await statusOf(client(acme, 'readonly').rest.orgs.listWebhooks({ org: 'acme' }))).status).toBe(404);
    expect((await statusOf(client(acme, 'readonly').rest.actions.getGithubActionsPermissionsOrganization({ org: 'acme' }))).status).toBe(
      403,
    );
  });
});

describe('repositories', () => {
  it('lists repositories with security_and_analysis only for admins, private ones only with the repo scope', async () => {
    const all = await client(acme).rest.repos.listForOrg({ org: 'acme', per_page: 100 });
    expect(all.data).toHaveLength(8);
    const web = all.data.find((r) => r.name === 'web-app');
    expect(web?.security_and_analysis?.secret_scanning_push_protection?.status).toBe('enabled');
    expect(all.data.find((r) => r.name === 'old-monolith')?.archived).toBe(true);
    const reader = await client(acme, 'readonly').rest.repos.listForOrg({ org: 'acme', per_page: 100 });
    expect(reader.data.find((r) => r.name === 'web-app')?.security_and_analysis).toBeUndefined();
    const guest = await client(acme, 'public-only').rest.repos.listForOrg({ org: 'acme' });
    expect(guest.data.map((r) => r.name)).toEqual(['docs-site']);
    expect((await statusOf(client(acme, 'public-only').rest.repos.get({ owner: 'acme', repo: 'web-app' }))).status).toBe(404);
  });

  it('answers branch protection per GitHub: protected, not protected, and hidden from non-admins', async () => {
    const p = await client(acme).rest.repos.getBranchProtection({ owner: 'acme', repo: 'platform-api', branch: 'main' });
    expect(p.data.required_pull_request_reviews).toMatchObject({
      required_approving_review_count: 2,
      dismiss_stale_reviews: true,
      require_code_owner_reviews: true,
    });
    expect(p.data.enforce_admins?.enabled).toBe(true);
    expect(p.data.required_status_checks?.contexts).toEqual(['ci/build', 'ci/test']);
    const args = { owner: 'acme', repo: 'web-app', branch: 'main' };
    expect(await statusOf(client(acme).rest.repos.getBranchProtection(args))).toEqual({ status: 404, message: 'Branch not protected' });
    expect(await statusOf(client(acme, 'readonly').rest.repos.getBranchProtection(args))).toEqual({ status: 404, message: 'Not Found' });
    expect((await statusOf(client(acme, 'auditor').rest.repos.getBranchProtection(args))).status).toBe(403);
    expect(await statusOf(client(acme).rest.repos.getBranchProtection({ ...args, branch: 'nope' }))).toEqual({
      status: 404,
      message: 'Branch not found',
    });
  });

  it('lists rulesets, their bypass actors to admins only, and the active rules of a branch', async () => {
    const sets = await client(acme).rest.repos.getRepoRulesets({ owner: 'acme', repo: 'infra-terraform' });
    const full = await client(acme).rest.repos.getRepoRuleset({ owner: 'acme', repo: 'infra-terraform', ruleset_id: nth(sets.data, 0).id });
    // The enterprise-owner bypass is GraphQL's alone: REST has no actor type for it.
    expect(full.data.bypass_actors).toEqual([
      { actor_id: 5, actor_type: 'RepositoryRole', bypass_mode: 'always' },
      { actor_id: 42, actor_type: 'Team', bypass_mode: 'pull_request' },
    ]);
    const asReader = await client(acme, 'readonly').rest.repos.getRepoRuleset({
      owner: 'acme',
      repo: 'infra-terraform',
      ruleset_id: nth(sets.data, 0).id,
    });
    expect(asReader.data.bypass_actors).toBeUndefined();
    const rules = await client(acme).rest.repos.getBranchRules({ owner: 'acme', repo: 'web-app', branch: 'main' });
    expect(rules.data.map((r) => r.type).sort()).toEqual(['deletion', 'non_fast_forward', 'pull_request', 'required_status_checks']);
    const evaluated = await client(acme).rest.repos.getBranchRules({ owner: 'acme', repo: 'docs-site', branch: 'main' });
    expect(evaluated.data).toEqual([]);
  });

  it('answers vulnerability alerts with 204 when enabled and 404 when disabled', async () => {
    expect((await statusOf(client(acme).rest.repos.checkVulnerabilityAlerts({ owner: 'acme', repo: 'web-app' }))).status).toBe(204);
    expect((await statusOf(client(acme).rest.repos.checkVulnerabilityAlerts({ owner: 'acme', repo: 'legacy-billing' }))).status).toBe(404);
  });

  it('serves hooks, deploy keys, outside collaborators and files', async () => {
    const hooks = await client(acme).rest.repos.listWebhooks({ owner: 'acme', repo: 'legacy-billing' });
    expect(hooks.data[0]?.config).toEqual({ url: 'http://billing-hooks.acme.example/notify', content_type: 'json', insecure_ssl: '1' });
    const keys = await client(acme).rest.repos.listDeployKeys({ owner: 'acme', repo: 'mobile-app' });
    expect(keys.data.map((k) => k.read_only)).toEqual([true, false]);
    const outside = await client(acme).rest.repos.listCollaborators({ owner: 'acme', repo: 'platform-api', affiliation: 'outside' });
    expect(outside.data.map((c) => [c.login, c.role_name])).toEqual([['contractor-zoe', 'read']]);
    const file = await client(acme).rest.repos.getContent({ owner: 'acme', repo: 'platform-api', path: '.github/CODEOWNERS' });
    expect(Buffer.from((file.data as { content: string }).content, 'base64').toString()).toBe('* @acme/platform\n');
    expect((await statusOf(client(acme).rest.repos.getContent({ owner: 'acme', repo: 'legacy-billing', path: 'CODEOWNERS' }))).status).toBe(
      404,
    );
    const denied = await statusOf(client(acme, 'public-only').rest.repos.listCollaborators({ owner: 'acme', repo: 'docs-site' }));
    expect(denied).toEqual({ status: 403, message: 'Must have push access to view repository collaborators.' });
  });

  it('serves GET only: other methods are refused, unknown paths are 404', async () => {
    const post = await fetch(`${acme.apiUrl}/repos/acme/web-app`, {
      method: 'PATCH',
      headers: { authorization: `token ${acme.tokens.default}` },
    });
    expect(post.status).toBe(405);
    const unknown = await fetch(`${acme.apiUrl}/repos/acme/web-app/nothing-here`, {
      headers: { authorization: `token ${acme.tokens.default}` },
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: 'Not Found', documentation_url: expect.stringContaining('docs.github.com') });
  });
});

describe('pagination, ETags and rate limits', () => {
  let big: GithubSandbox;
  beforeAll(async () => {
    big = await startGithubSandbox(generateLargeOrg(250, 120, { scenario: { rateLimits: { rest: 10 } } }));
  });
  afterAll(() => big.stop());

  it('pages with Link rel next/last honouring per_page, and octokit.paginate follows it', async () => {
    big.resetStats();
    const first = await client(big).rest.repos.listForOrg({ org: 'bigcorp', per_page: 100 });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toMatch(/page=3>; rel="last"/);
    const all = await client(big).paginate(client(big).rest.repos.listForOrg, { org: 'bigcorp', per_page: 100 });
    expect(new Set(all.map((r) => r.name)).size).toBe(250);
    const members = await client(big).paginate(client(big).rest.orgs.listMembers, { org: 'bigcorp', per_page: 50 });
    expect(members).toHaveLength(120);
    expect(big.stats().rest.byRoute['GET /orgs/{org}/repos']).toBe(4);
  });

  it('answers If-None-Match with 304, which costs nothing and is counted apart', async () => {
    big.resetStats();
    const octokit = client(big);
    const first = await octokit.rest.orgs.get({ org: 'bigcorp' });
    expect(first.headers.etag).toMatch(/^W\/"/);
    expect(first.headers['x-ratelimit-remaining']).toBe('9');
    const again = await statusOf(octokit.rest.orgs.get({ org: 'bigcorp', headers: { 'if-none-match': first.headers.etag } }));
    expect(again.status).toBe(304);
    const after = await octokit.rest.orgs.get({ org: 'bigcorp' });
    expect(after.headers['x-ratelimit-remaining']).toBe('8');
    const stale = await octokit.rest.orgs.get({ org: 'bigcorp', headers: { 'if-none-match': 'W/"stale"' } });
    expect(stale.status).toBe(200);
    expect(big.stats().rest).toMatchObject({ requests: 3, notModified: 1 });
    // Another token's ETag differs, as GitHub's responses vary on Authorization.
    const other = await new Octokit({ baseUrl: big.apiUrl, log: quiet }).rest.orgs.get({ org: 'bigcorp' });
    expect(other.headers.etag).not.toBe(first.headers.etag);
  });

  it('counts down per token and answers 403 once the primary limit is spent', async () => {
    big.resetStats();
    const octokit = client(big);
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) seen.push(String((await octokit.rest.users.getAuthenticated()).headers['x-ratelimit-remaining']));
    expect(seen).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    const over = await statusOf(octokit.rest.users.getAuthenticated());
    expect(over.status).toBe(403);
    expect(over.message).toMatch(/^API rate limit exceeded/);
    const rate = await octokit.rest.rateLimit.get();
    expect(rate.data.resources.core).toMatchObject({ limit: 10, remaining: 0, used: 10 });
  });
});

describe('faults', () => {
  it('answers a secondary rate limit with retry-after when the scenario asks', async () => {
    const sb = await startGithubSandbox({
      ...generateLargeOrg(3, 3),
      faults: { secondaryRateLimit: { after: 1, count: 2, status: 429, retryAfterSeconds: 7 } },
    });
    try {
      const octokit = client(sb);
      expect((await octokit.rest.orgs.get({ org: 'bigcorp' })).status).toBe(200);
      const res = await fetch(`${sb.apiUrl}/orgs/bigcorp`, { headers: { authorization: `token ${sb.tokens.default}` } });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(((await res.json()) as { message: string }).message).toMatch(/secondary rate limit/);
      expect((await statusOf(octokit.rest.orgs.get({ org: 'bigcorp' }))).status).toBe(429);
      expect((await octokit.rest.orgs.get({ org: 'bigcorp' })).status).toBe(200);
    } finally {
      await sb.stop();
    }
  });

  it('is waited out by @octokit/plugin-throttling, which honours retry-after', async () => {
    const sb = await startGithubSandbox({
      ...generateLargeOrg(3, 3),
      faults: { secondaryRateLimit: { after: 0, count: 1, retryAfterSeconds: 1 } },
    });
    try {
      const hits: number[] = [];
      const Throttled = Octokit.plugin(throttling);
      const octokit = new Throttled({
        baseUrl: sb.apiUrl,
        auth: sb.tokens.default,
        log: quiet,
        throttle: {
          onRateLimit: () => false,
          onSecondaryRateLimit: (after: number) => {
            hits.push(after);
            return true;
          },
        },
      });
      const res = await octokit.rest.orgs.get({ org: 'bigcorp' });
      expect(res.data.login).toBe('bigcorp');
      expect(hits).toEqual([1]);
      expect(sb.stats().rest).toMatchObject({ requests: 1, byRoute: { 'GET /orgs/{org}': 2 } });
    } finally {
      await sb.stop();
    }
  });
});
