import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChecks } from '../../src/core/loader.js';
import type { GithubSandbox } from '../../src/sandbox/github/index.js';
import { scanSandbox, scenarioSection, startGithubSandbox, verdicts, type ScanOutcome } from './harness.js';

/** What the acme scenario implies, repository by repository (archived old-monolith is out of scope). */
const REPOS: Record<string, Record<string, string>> = {
  'platform-api': {
    'workflow-hardening': 'pass',
    'security-policy': 'pass',
    'code-scanning': 'pass',
    'security-checks': 'fail',
    'branch-protection': 'pass',
    'status-checks': 'pass',
    codeowners: 'pass',
    'secret-scanning': 'pass',
    'dependabot-alerts': 'pass',
    'outside-collaborators': 'pass',
    'webhook-tls': 'pass',
    'deploy-keys': 'pass',
  },
  'web-app': {
    'workflow-hardening': 'pass',
    'security-policy': 'pass',
    'code-scanning': 'pass',
    'branch-protection': 'pass',
    'status-checks': 'pass',
    codeowners: 'pass',
    'secret-scanning': 'pass',
    'dependabot-alerts': 'pass',
    'outside-collaborators': 'pass',
    'webhook-tls': 'not_applicable',
    'deploy-keys': 'not_applicable',
  },
  'legacy-billing': {
    'workflow-hardening': 'fail',
    'security-policy': 'fail',
    'code-scanning': 'fail',
    'branch-protection': 'fail',
    'status-checks': 'fail',
    codeowners: 'fail',
    'secret-scanning': 'fail',
    'dependabot-alerts': 'fail',
    'outside-collaborators': 'fail',
    'webhook-tls': 'fail',
    'deploy-keys': 'fail',
  },
  'mobile-app': {
    'workflow-hardening': 'fail',
    'security-policy': 'fail',
    'code-scanning': 'fail',
    'branch-protection': 'fail',
    'status-checks': 'fail',
    codeowners: 'fail',
    'secret-scanning': 'fail',
    'dependabot-alerts': 'pass',
    'outside-collaborators': 'pass',
    'webhook-tls': 'fail',
    'deploy-keys': 'fail',
  },
  'infra-terraform': {
    'workflow-hardening': 'pass',
    'security-policy': 'fail',
    'code-scanning': 'pass',
    'branch-protection': 'fail',
    'status-checks': 'pass',
    codeowners: 'pass',
    'secret-scanning': 'pass',
    'dependabot-alerts': 'pass',
    'outside-collaborators': 'pass',
    'webhook-tls': 'not_applicable',
    'deploy-keys': 'not_applicable',
  },
  'payments-service': {
    'workflow-hardening': 'pass',
    'security-policy': 'fail',
    'code-scanning': 'fail',
    'security-checks': 'pass',
    'branch-protection': 'fail',
    'status-checks': 'pass',
    codeowners: 'pass',
    'secret-scanning': 'pass',
    'dependabot-alerts': 'pass',
    'outside-collaborators': 'pass',
    'webhook-tls': 'not_applicable',
    'deploy-keys': 'not_applicable',
  },
  'docs-site': {
    'workflow-hardening': 'pass',
    'security-policy': 'fail',
    'code-scanning': 'fail',
    'branch-protection': 'fail',
    'status-checks': 'fail',
    codeowners: 'fail',
    'secret-scanning': 'pass',
    'dependabot-alerts': 'fail',
    'outside-collaborators': 'pass',
    'webhook-tls': 'not_applicable',
    'deploy-keys': 'not_applicable',
  },
};

const ORGS: Record<string, Record<string, string>> = {
  acme: {
    'two-factor-required': 'pass',
    'members-without-2fa': 'pass',
    'owner-count': 'pass',
    'default-permission': 'pass',
    'actions-policy': 'pass',
    'workflow-token': 'pass',
    'repository-creation': 'pass',
  },
  'acme-labs': {
    'two-factor-required': 'fail',
    'members-without-2fa': 'fail',
    'owner-count': 'fail',
    'default-permission': 'fail',
    'actions-policy': 'fail',
    'workflow-token': 'fail',
    'repository-creation': 'fail',
  },
};

describe('GitHub checks against the acme sandbox, through @octokit/rest', () => {
  let sandbox: GithubSandbox;
  let scan: ScanOutcome;
  beforeAll(async () => {
    sandbox = await startGithubSandbox(scenarioSection('acme'));
    scan = await scanSandbox(sandbox);
    // Every GitHub check over two organisations: room for a loaded machine (nothing here is timed).
  }, 120_000);
  afterAll(() => sandbox?.stop());

  it('identifies the collector by the token’s login', () => {
    expect(scan.principal).toMatch(/\S/);
    expect(scan.targets.map((t) => t.id)).toEqual(['github:acme', 'github:acme-labs']);
  });

  it.each(Object.entries(ORGS))('organisation %s has the verdicts the scenario implies', (org, expected) => {
    const got = verdicts(scan.results);
    for (const [check, status] of Object.entries(expected))
      expect(`${check}: ${got[`github.org.${check} github:${org}`]}`).toBe(`${check}: ${status}`);
  });

  it.each(Object.entries(REPOS))('repository acme/%s has the verdicts the scenario implies', (repo, expected) => {
    const got = verdicts(scan.results);
    for (const [check, status] of Object.entries(expected)) {
      const r = scan.results.find((x) => x.checkId === `github.repo.${check}` && x.resource === `github:acme/${repo}`);
      expect(`${check}: ${got[`github.repo.${check} github:acme/${repo}`]} (${r?.message})`).toBe(`${check}: ${status} (${r?.message})`);
    }
  });

  it('reads the workflow token settings once per organisation, though two checks judge them', () => {
    const reads = scan.facts.flatMap((f) => f.calls).filter((c) => c.operation.endsWith('/actions/permissions/workflow'));
    expect(reads.map((c) => c.target).sort()).toEqual(['github:acme', 'github:acme-labs']);
  });

  it('every check has at least one pass and one fail', async () => {
    const ids = [...new Set(scan.results.map((r) => r.checkId))].sort();
    expect(ids).toEqual(
      (await loadChecks())
        .filter((c) => c.meta.provider === 'github')
        .map((c) => c.meta.id)
        .sort(),
    );
    for (const id of ids) {
      const statuses = new Set(scan.results.filter((r) => r.checkId === id).map((r) => r.status));
      expect([id, statuses.has('pass'), statuses.has('fail')]).toEqual([id, true, true]);
    }
  });

  it('the ruleset-only repository passes branch protection', () => {
    expect(scan.results.find((r) => r.checkId === 'github.repo.branch-protection' && r.resource === 'github:acme/web-app')).toMatchObject({
      status: 'pass',
      observed: { sources: ['ruleset "protect-default-branch"'] },
    });
  });

  it('a team or deploy key that may bypass an otherwise complete ruleset fails it, each named', () => {
    expect(
      scan.results.find((r) => r.checkId === 'github.repo.branch-protection' && r.resource === 'github:acme/payments-service'),
    ).toMatchObject({
      status: 'fail',
      observed: { shortfalls: ['ruleset "protect-main" can be bypassed by Team:team-7, DeployKey'] },
    });
  });

  it('lists members with insecure 2FA and outside collaborators without 2FA', () => {
    expect(scan.results.find((r) => r.checkId === 'github.org.members-without-2fa' && r.resource === 'github:acme-labs')).toMatchObject({
      observed: {
        members: ['frank', 'judy'],
        insecureMembers: ['ken'],
        outsideCollaborators: ['freelancer-kim'],
        insecureOutsideCollaborators: [],
      },
    });
  });

  it('judges open alerts per repository from the organisation lists', () => {
    const got = verdicts(scan.results);
    const of = (repo: string) => got[`github.org.open-alerts github:acme/${repo}`];
    expect(Object.fromEntries(Object.keys(REPOS).map((repo) => [repo, of(repo)]))).toEqual({
      'platform-api': 'pass',
      'web-app': 'pass',
      'legacy-billing': 'fail',
      'mobile-app': 'fail',
      'infra-terraform': 'pass',
      'payments-service': 'pass',
      'docs-site': 'pass',
    });
    expect(scan.results.find((r) => r.checkId === 'github.org.open-alerts' && r.resource === 'github:acme/mobile-app')).toMatchObject({
      observed: {
        overdue: { 'code-scanning high': 1, 'secret-scanning critical': 1 },
        counts: { 'code-scanning': { high: 1, unrated: 1 }, 'secret-scanning': { critical: 1 } },
      },
    });
  });

  it('names the workflow file and line of each finding, and the parser message of a broken file', () => {
    const of = (repo: string) => scan.results.find((r) => r.checkId === 'github.repo.workflow-hardening' && r.resource === repo);
    expect(of('github:acme/legacy-billing')?.message).toMatch(/\.github\/workflows\/label\.yml:7 .*actions\/checkout@v4/);
    expect(of('github:acme/legacy-billing')?.observed).toMatchObject({
      findings: [
        { line: 7, rule: 'unpinned-action' },
        { line: 9, rule: 'untrusted-checkout' },
        { line: 10, rule: 'script-injection' },
      ],
    });
    expect(of('github:acme/mobile-app')).toMatchObject({
      status: 'fail',
      messageId: 'unparsable',
      observed: { path: '.github/workflows/release.yaml' },
    });
    expect(of('github:acme-labs/experiments')).toMatchObject({
      status: 'fail',
      observed: { workflowToken: 'write', findings: [{ rule: 'permissions', line: 3 }] },
    });
  });

  it('takes the security policy of a public .github repository for repositories without their own', () => {
    const got = verdicts(scan.results);
    expect(got['github.repo.security-policy github:acme-labs/experiments']).toBe('pass');
    expect(
      scan.results.find((r) => r.checkId === 'github.repo.security-policy' && r.resource === 'github:acme-labs/experiments')?.messageId,
    ).toBe('inherited');
  });

  it('skips archived repositories and judges organisation webhooks', () => {
    expect(scan.results.some((r) => r.resource === 'github:acme/old-monolith')).toBe(false);
    const got = verdicts(scan.results);
    expect(got['github.repo.webhook-tls github:acme']).toBe('pass');
    expect(got['github.repo.webhook-tls github:acme-labs']).toBe('fail');
  });

  it('records every call with its status and request id, and no error result', () => {
    expect(scan.results.filter((r) => r.status === 'error').map((r) => `${r.checkId} ${r.resource}: ${r.message}`)).toEqual([]);
    const calls = scan.facts.flatMap((f) => f.calls);
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(c).toMatchObject({ status: expect.any(Number), requestId: expect.any(String) });
    const graphql = calls.filter((c) => c.operation.startsWith('graphql '));
    expect(graphql.length).toBeGreaterThan(0);
    for (const c of graphql) expect(c.cost).toBeGreaterThanOrEqual(1);
  });
});
