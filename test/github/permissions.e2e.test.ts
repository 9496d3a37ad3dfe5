import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GithubSandbox } from '../../src/sandbox/github/index.js';
import { scanSandbox, scenarioSection, startGithubSandbox, type ScanOutcome } from './harness.js';

const find = (s: ScanOutcome, checkId: string, resource: string) => s.results.find((r) => r.checkId === checkId && r.resource === resource);

describe('a token without admin rights: error naming the permission, never pass or fail from hidden data', () => {
  let sandbox: GithubSandbox;
  const scans: Record<string, ScanOutcome> = {};
  const scanOf = (token: string): ScanOutcome => {
    const s = scans[token];
    if (!s) throw new Error(`no scan for the ${token} token`);
    return s;
  };
  beforeAll(async () => {
    sandbox = await startGithubSandbox(scenarioSection('acme'));
    for (const token of ['readonly', 'auditor']) scans[token] = await scanSandbox(sandbox, { token, orgs: ['acme'] });
  }, 120_000);
  afterAll(() => sandbox?.stop());

  it.each(['readonly', 'auditor'])('%s: organisation settings hidden from a non-owner are errors naming the scope', (token) => {
    const s = scanOf(token);
    for (const id of ['github.org.two-factor-required', 'github.org.default-permission', 'github.org.actions-policy']) {
      expect(find(s, id, 'github:acme')).toMatchObject({ status: 'error', message: expect.stringContaining('admin:org') });
    }
    expect(find(s, 'github.org.members-without-2fa', 'github:acme')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('organization owner'),
    });
    expect(find(s, 'github.repo.webhook-tls', 'github:acme')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('admin:org_hook'),
    });
  });

  it.each(['readonly', 'auditor'])(
    '%s: branch protection hidden by GraphQL is an error naming repository admin, on the protected and the unprotected alike',
    (token) => {
      for (const repo of ['platform-api', 'web-app', 'legacy-billing']) {
        for (const id of ['github.repo.branch-protection', 'github.repo.status-checks']) {
          expect(find(scanOf(token), id, `github:acme/${repo}`)).toMatchObject({
            status: 'error',
            message: expect.stringContaining('admin on the repository'),
          });
        }
      }
    },
  );

  it.each([
    ['readonly', '404'],
    ['auditor', '403'],
  ])('%s: repository webhooks answered %s are an error naming the hook scope', (token, status) => {
    expect(find(scanOf(token), 'github.repo.webhook-tls', 'github:acme/legacy-billing')).toMatchObject({
      status: 'error',
      message: expect.stringMatching(new RegExp(`${status}.*read:repo_hook`)),
    });
  });

  it('security_and_analysis, vulnerability alerts and deploy keys hidden from a writer are errors', () => {
    const s = scanOf('readonly');
    expect(find(s, 'github.repo.secret-scanning', 'github:acme/platform-api')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('security manager'),
    });
    expect(find(s, 'github.repo.dependabot-alerts', 'github:acme/legacy-billing')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('admin on the repository'),
    });
    expect(find(s, 'github.repo.deploy-keys', 'github:acme/web-app')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('admin on the repository'),
    });
  });

  it.each(['readonly', 'auditor'])('%s: the workflow token, member privileges and open alerts need an owner: errors naming it', (token) => {
    const s = scanOf(token);
    expect(find(s, 'github.org.workflow-token', 'github:acme')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('admin:org'),
    });
    expect(find(s, 'github.org.repository-creation', 'github:acme')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('owners only'),
    });
    // Dependabot's organisation list answers 403 to a non-owner; every repository's verdict needs it.
    const alerts = s.results.filter((r) => r.checkId === 'github.org.open-alerts');
    expect(alerts.length).toBe(7);
    for (const r of alerts) expect(r).toMatchObject({ status: 'error', message: expect.stringMatching(/403.*security manager/) });
  });

  it('code-scanning analyses need security_events: an error naming it, while default setup is still read', () => {
    const s = scanOf('readonly');
    expect(find(s, 'github.repo.code-scanning', 'github:acme/mobile-app')).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/403.*security_events/),
    });
    expect(find(s, 'github.repo.code-scanning', 'github:acme/platform-api')?.status).toBe('pass');
    // Workflow files are read through GraphQL with read access: still judged.
    expect(find(s, 'github.repo.workflow-hardening', 'github:acme/legacy-billing')?.status).toBe('fail');
  });

  it('what a writer may see is still judged', () => {
    const s = scanOf('readonly');
    expect(find(s, 'github.org.owner-count', 'github:acme')?.status).toBe('pass');
    expect(find(s, 'github.repo.outside-collaborators', 'github:acme/legacy-billing')?.status).toBe('fail');
  });

  it('no result passes on data the token could not see', () => {
    const admin = ['branch-protection', 'status-checks', 'secret-scanning', 'dependabot-alerts', 'deploy-keys', 'webhook-tls'].map(
      (c) => `github.repo.${c}`,
    );
    for (const token of ['readonly', 'auditor']) {
      expect(
        scanOf(token)
          .results.filter((r) => admin.includes(r.checkId) && r.status !== 'error')
          .map((r) => `${r.checkId} ${r.resource}`),
      ).toEqual([]);
    }
  });
});
