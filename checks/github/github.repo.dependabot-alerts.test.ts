import { describe, expect, it } from 'vitest';
import { repoSummary } from '../../src/providers/github/fixtures.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.repo.dependabot-alerts.js';

describe('github.repo.dependabot-alerts', () => {
  it.each([
    [true, 'pass'],
    [false, 'fail'],
  ])('alerts enabled %s → %s', async (enabled, status) => {
    const [r] = await runCheck(check, { repos: answers([repoSummary('api')]), vulnerabilityAlerts: answers(enabled) });
    expect(r).toMatchObject({ status, resource: 'github:acme/api' });
  });

  it('is an error naming admin when the state is hidden', async () => {
    const [r] = await runCheck(check, { repos: answers([repoSummary('api')]), vulnerabilityAlerts: failing({ permission: 'admin on the repository' }) });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('admin on the repository') });
  });

  it('an organisation with no repository in scope is one not-applicable result', async () => {
    const results = await runCheck(check, { repos: answers([]) });
    expect(results).toEqual([expect.objectContaining({ status: 'not_applicable', resource: 'github:test', message: 'No repository of test is in scope' })]);
  });
});
