import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChecks } from '../../core/loader.js';
import { validatorFor } from '../../core/schemas.js';
import { loadScenario } from '../scenario.js';
import { startGithubSandbox, type GithubSandbox, type GithubScenario } from './index.js';

/**
 * The acme scenario's promise: each of the 13 GitHub checks of issue 4 has
 * at least one passing and one failing organisation or (unarchived)
 * repository. Judged here with deliberately plain rules over the REST
 * answers, so that a change to the fixture that breaks the promise shows.
 */
let sb: GithubSandbox;
let octokit: Octokit;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

beforeAll(async () => {
  sb = await startGithubSandbox(loadScenario('acme').github as GithubScenario);
  octokit = new Octokit({ baseUrl: sb.apiUrl, auth: sb.tokens.default, log: quiet });
});
afterAll(() => sb.stop());

const orNull = <T>(p: Promise<{ data: T }>) =>
  p.then(
    (r) => r.data,
    () => null,
  );

async function orgVerdicts(org: string): Promise<Record<string, boolean>> {
  const o = (await octokit.rest.orgs.get({ org })).data;
  const no2fa = await octokit.paginate(octokit.rest.orgs.listMembers, { org, filter: '2fa_disabled', per_page: 100 });
  const owners = await octokit.paginate(octokit.rest.orgs.listMembers, { org, role: 'admin', per_page: 100 });
  const actions = (await octokit.rest.actions.getGithubActionsPermissionsOrganization({ org })).data;
  const workflow = (await octokit.rest.actions.getGithubActionsDefaultWorkflowPermissionsOrganization({ org })).data;
  const hooks = await octokit.paginate(octokit.rest.orgs.listWebhooks, { org });
  return {
    'github.org.two-factor-required': o.two_factor_requirement_enabled === true,
    'github.org.members-without-2fa': no2fa.length === 0,
    'github.org.owner-count': owners.length <= 3,
    'github.org.default-permission': ['none', 'read'].includes(o.default_repository_permission ?? ''),
    'github.org.actions-policy': actions.allowed_actions !== 'all' && workflow.default_workflow_permissions === 'read',
    'org hooks': hooks.every((h) => h.config.url?.startsWith('https://') && h.config.insecure_ssl === '0' && !!h.config.secret),
  };
}

async function repoVerdicts(owner: string, repo: string, defaultBranch: string): Promise<Record<string, boolean>> {
  const r = { owner, repo };
  const full = (await octokit.rest.repos.get(r)).data;
  const classic = await orNull(octokit.rest.repos.getBranchProtection({ ...r, branch: defaultBranch }));
  const rules = (await octokit.rest.repos.getBranchRules({ ...r, branch: defaultBranch })).data;
  const sets = await Promise.all(
    (await octokit.rest.repos.getRepoRulesets(r)).data.map((s) => octokit.rest.repos.getRepoRuleset({ ...r, ruleset_id: s.id })),
  );
  const pr = rules.find((x) => x.type === 'pull_request')?.parameters as
    { required_approving_review_count: number; dismiss_stale_reviews_on_push: boolean; require_code_owner_review: boolean } | undefined;
  const activeBypass = sets.some((s) => s.data.enforcement === 'active' && (s.data.bypass_actors ?? []).length > 0);
  const classicOk =
    !!classic &&
    (classic.required_pull_request_reviews?.required_approving_review_count ?? 0) >= 1 &&
    !!classic.required_pull_request_reviews?.dismiss_stale_reviews &&
    !classic.allow_force_pushes?.enabled &&
    !classic.allow_deletions?.enabled &&
    !!classic.enforce_admins?.enabled;
  const rulesOk =
    !!pr &&
    pr.required_approving_review_count >= 1 &&
    pr.dismiss_stale_reviews_on_push &&
    rules.some((x) => x.type === 'non_fast_forward') &&
    rules.some((x) => x.type === 'deletion') &&
    !activeBypass;
  const files = await Promise.all(
    ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS'].map((path) => orNull(octokit.rest.repos.getContent({ ...r, path }))),
  );
  const alerts = await octokit.rest.repos.checkVulnerabilityAlerts(r).then(
    () => true,
    () => false,
  );
  const outside = await octokit.paginate(octokit.rest.repos.listCollaborators, { ...r, affiliation: 'outside' });
  const hooks = await octokit.paginate(octokit.rest.repos.listWebhooks, r);
  const keys = await octokit.paginate(octokit.rest.repos.listDeployKeys, r);
  const sa = full.security_and_analysis;
  return {
    'github.repo.branch-protection': classicOk || rulesOk,
    'github.repo.status-checks':
      (classic?.required_status_checks?.contexts.length ?? 0) > 0 || rules.some((x) => x.type === 'required_status_checks'),
    'github.repo.codeowners':
      files.some(Boolean) && (!!classic?.required_pull_request_reviews?.require_code_owner_reviews || !!pr?.require_code_owner_review),
    'github.repo.secret-scanning': sa?.secret_scanning?.status === 'enabled' && sa?.secret_scanning_push_protection?.status === 'enabled',
    'github.repo.dependabot-alerts': alerts,
    'github.repo.outside-collaborators': outside.every((c) => !c.permissions?.admin),
    'github.repo.webhook-tls': hooks.every(
      (h) => h.config.url?.startsWith('https://') && h.config.insecure_ssl === '0' && !!h.config.secret,
    ),
    'github.repo.deploy-keys': keys.every((k) => k.read_only),
  };
}

describe('the acme scenario', () => {
  it('is a valid scenario', () => {
    const validate = validatorFor('scenario');
    expect(validate(loadScenario('acme'))).toBe(true);
    expect(validate(loadScenario('github-large'))).toBe(true);
    expect(validate({ name: 'x', github: { orgs: [{ login: 'a', repos: [{ name: 'r', protected: true }] }] } })).toBe(false);
  });

  it('makes every GitHub check pass somewhere and fail somewhere', async () => {
    const verdicts: Record<string, boolean>[] = [];
    for (const org of sb.orgs) {
      verdicts.push(await orgVerdicts(org));
      const repos = await octokit.paginate(octokit.rest.repos.listForOrg, { org, per_page: 100 });
      for (const repo of repos.filter((x) => !x.archived)) verdicts.push(await repoVerdicts(org, repo.name, repo.default_branch ?? 'main'));
    }
    const seen: Record<string, Set<boolean>> = {};
    for (const v of verdicts) for (const [check, ok] of Object.entries(v)) (seen[check] ??= new Set()).add(ok);
    const webhook = (seen['github.repo.webhook-tls'] ??= new Set());
    for (const ok of seen['org hooks'] ?? []) webhook.add(ok);
    delete seen['org hooks'];
    const known = (await loadChecks()).map((c) => c.meta.id);
    expect(Object.keys(seen).filter((id) => !known.includes(id))).toEqual([]);
    for (const [check, outcomes] of Object.entries(seen)) expect([check, [...outcomes].sort()]).toEqual([check, [false, true]]);
  });

  it('has a repository protected only by an active ruleset', async () => {
    const classic = await orNull(octokit.rest.repos.getBranchProtection({ owner: 'acme', repo: 'web-app', branch: 'main' }));
    expect(classic).toBeNull();
    const verdict = await repoVerdicts('acme', 'web-app', 'main');
    expect(verdict['github.repo.branch-protection']).toBe(true);
  });
});
