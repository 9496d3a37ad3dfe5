import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxClient, statusOf } from '../../../test/support/github/octokit.js';
import { loadScenario } from '../scenario.js';
import { startGithubSandbox, type GithubSandbox, type GithubScenario } from './index.js';

let acme: GithubSandbox;
const client = (token = 'default') => sandboxClient(acme, token);

beforeAll(async () => {
  acme = await startGithubSandbox(loadScenario('acme').github as GithubScenario);
});
afterAll(() => acme.stop());

describe('organisation alert lists', () => {
  it('Dependabot pages by cursor: the Link names `after`, every page is followed, `page` is refused', async () => {
    const first = await client().request('GET /orgs/{org}/dependabot/alerts', { org: 'acme', state: 'open', per_page: 1 });
    expect(first.data).toHaveLength(1);
    expect(first.headers.link).toMatch(/[?&]after=[^&>]+.*rel="next"/);
    expect(first.headers.link).not.toMatch(/[?&]page=/);
    const all = await client().paginate('GET /orgs/{org}/dependabot/alerts', { org: 'acme', state: 'open', per_page: 1 });
    // Newest first; the fixed minimist alert of platform-api is not open.
    expect(all.map((a) => `${a.repository.name}#${a.number} ${a.security_advisory.severity}`)).toEqual([
      'legacy-billing#2 high',
      'legacy-billing#1 critical',
      'platform-api#1 low',
    ]);
    expect((await statusOf(client().request('GET /orgs/{org}/dependabot/alerts', { org: 'acme', page: 2 }))).status).toBe(400);
  });

  it('code and secret scanning page by number, with the documented fields', async () => {
    const code = await client().paginate('GET /orgs/{org}/code-scanning/alerts', { org: 'acme', state: 'open', per_page: 1 });
    expect(code.map((a) => [a.repository.name, a.rule.security_severity_level ?? null])).toEqual([
      ['mobile-app', 'high'],
      ['mobile-app', null],
    ]);
    const secrets = await client().request('GET /orgs/{org}/secret-scanning/alerts', { org: 'acme', state: 'open' });
    expect(secrets.data).toMatchObject([{ repository: { name: 'mobile-app' }, state: 'open', secret_type: 'slack_api_token' }]);
  });

  it('a non-owner gets 403 from Dependabot and 404 from code and secret scanning', async () => {
    expect((await statusOf(client('readonly').request('GET /orgs/{org}/dependabot/alerts', { org: 'acme' }))).status).toBe(403);
    expect((await statusOf(client('readonly').request('GET /orgs/{org}/code-scanning/alerts', { org: 'acme' }))).status).toBe(404);
    expect((await statusOf(client('readonly').request('GET /orgs/{org}/secret-scanning/alerts', { org: 'acme' }))).status).toBe(404);
  });
});

describe('code scanning of a repository', () => {
  const setup = (repo: string, token = 'default') =>
    statusOf(client(token).request('GET /repos/{owner}/{repo}/code-scanning/default-setup', { owner: 'acme', repo }));

  it('answers the default setup state, 403 without Advanced Security', async () => {
    const configured = await client().request('GET /repos/{owner}/{repo}/code-scanning/default-setup', { owner: 'acme', repo: 'web-app' });
    expect(configured.data).toMatchObject({ state: 'configured', schedule: 'weekly' });
    expect(await setup('legacy-billing')).toEqual({
      status: 403,
      message: 'Advanced Security must be enabled for this repository to use code scanning.',
    });
    expect((await setup('no-such-repo')).status).toBe(404);
  });

  it('lists analyses newest first, filtered by ref; none is 404 "no analysis found"; without security_events 403', async () => {
    const list = (repo: string, token = 'default') =>
      client(token).request('GET /repos/{owner}/{repo}/code-scanning/analyses', { owner: 'acme', repo, ref: 'refs/heads/main' });
    expect((await list('mobile-app')).data).toMatchObject([
      { ref: 'refs/heads/main', created_at: '2025-01-05T03:00:00Z', tool: { name: 'CodeQL' } },
    ]);
    expect(await statusOf(list('docs-site'))).toEqual({ status: 404, message: 'no analysis found' });
    expect((await statusOf(list('mobile-app', 'readonly'))).status).toBe(403);
  });
});

describe('member privileges of the organisation', () => {
  it('shows owners the repository-creation, visibility and deletion settings; hides them from members', async () => {
    const owner = await client().rest.orgs.get({ org: 'acme' });
    expect(owner.data).toMatchObject({
      members_can_create_repositories: false,
      members_allowed_repository_creation_type: 'none',
      members_can_delete_repositories: false,
      members_can_change_repo_visibility: false,
    });
    const labs = await client().rest.orgs.get({ org: 'acme-labs' });
    expect(labs.data).toMatchObject({ members_allowed_repository_creation_type: 'all', members_can_create_public_repositories: true });
    const member = await client('readonly').rest.orgs.get({ org: 'acme' });
    expect(member.data).not.toHaveProperty('members_can_delete_repositories');
  });
});
