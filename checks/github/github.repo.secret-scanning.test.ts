import { describe, expect, it } from 'vitest';
import { repoSummary } from '../../src/providers/github/fixtures.js';
import type { RepoSummary } from '../../src/providers/github/types.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.repo.secret-scanning.js';

const run = (sa: RepoSummary['securityAndAnalysis']) => runCheck(check, { repos: answers([repoSummary('api', { securityAndAnalysis: sa })]) });

describe('github.repo.secret-scanning', () => {
  it.each<[string, RepoSummary['securityAndAnalysis'], string]>([
    ['both enabled', { secret_scanning: 'enabled', secret_scanning_push_protection: 'enabled' }, 'pass'],
    ['push protection disabled', { secret_scanning: 'enabled', secret_scanning_push_protection: 'disabled' }, 'fail'],
    ['scanning disabled', { secret_scanning: 'disabled', secret_scanning_push_protection: 'disabled' }, 'fail'],
    ['not offered on this repository', { advanced_security: 'disabled' }, 'fail'],
  ])('%s → %s', async (_label, sa, status) => {
    const [r] = await run(sa);
    expect(r.status).toBe(status);
  });

  it('a missing security_and_analysis (non-admin token) is an error naming the permission', async () => {
    const [r] = await run(null);
    expect(r).toMatchObject({ status: 'error', resource: 'github:acme/api', message: expect.stringContaining('admin on the repository') });
  });

  it('an unreadable repository list is an error', async () => {
    const [r] = await runCheck(check, { repos: failing({ permission: 'read:org' }) });
    expect(r.status).toBe('error');
  });
});
