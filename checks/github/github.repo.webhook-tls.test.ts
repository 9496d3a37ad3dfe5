import { describe, expect, it } from 'vitest';
import { repoSummary, webhook } from '../../src/providers/github/fixtures.js';
import type { Webhook } from '../../src/providers/github/types.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.repo.webhook-tls.js';

const run = (repoHooks: Webhook[], orgHooks: Webhook[] = []) =>
  runCheck(check, { repos: answers([repoSummary('api')]), repoWebhooks: answers(repoHooks), orgWebhooks: answers(orgHooks) });

describe('github.repo.webhook-tls', () => {
  it.each<[string, Partial<Webhook>, string]>([
    ['https, verified, secret', {}, 'pass'],
    ['http URL', { scheme: 'http', url: 'http://hooks.example.com' }, 'fail'],
    ['TLS verification off', { insecureSsl: '1' }, 'fail'],
    ['insecure_ssl missing', { insecureSsl: null }, 'fail'],
    ['no secret', { hasSecret: false }, 'fail'],
  ])('repository hook: %s → %s', async (_label, over, status) => {
    const results = await run([webhook(over)]);
    expect(results.find((r) => r.resource === 'github:acme/api')?.status).toBe(status);
  });

  it('judges organisation hooks on the organisation', async () => {
    const results = await run([], [webhook({ id: 7, insecureSsl: '1' })]);
    expect(results.find((r) => r.resource === 'github:test')).toMatchObject({ status: 'fail', message: expect.stringContaining('hook 7') });
    expect(results.find((r) => r.resource === 'github:acme/api')?.status).toBe('not_applicable');
  });

  it('denied organisation hooks are an error there, repositories are still judged', async () => {
    const results = await runCheck(check, {
      repos: answers([repoSummary('api')]),
      repoWebhooks: answers([webhook()]),
      orgWebhooks: failing({ permission: 'admin:org_hook scope' }),
    });
    expect(results.map((r) => [r.resource, r.status])).toEqual([['github:test', 'error'], ['github:acme/api', 'pass']]);
    expect(results[0].message).toContain('admin:org_hook');
  });

  it('denied repository hooks are an error naming the scope', async () => {
    const results = await runCheck(check, { repos: answers([repoSummary('api')]), orgWebhooks: answers([]), repoWebhooks: failing({ permission: 'read:repo_hook scope' }) });
    expect(results.find((r) => r.resource === 'github:acme/api')).toMatchObject({ status: 'error', message: expect.stringContaining('read:repo_hook') });
  });
});
