import { describe, expect, it } from 'vitest';
import { repoSummary } from '../../src/providers/github/fixtures.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.repo.outside-collaborators.js';

const run = (collaborators: { login: string; permission: string }[]) =>
  runCheck(check, { repos: answers([repoSummary('api')]), outsideCollaborators: answers(collaborators) });

describe('github.repo.outside-collaborators', () => {
  it.each([
    ['none', [], 'pass'],
    ['a reader and a writer', [{ login: 'c1', permission: 'READ' }, { login: 'c2', permission: 'WRITE' }], 'pass'],
    ['an admin', [{ login: 'c1', permission: 'READ' }, { login: 'vendor', permission: 'ADMIN' }], 'fail'],
  ])('%s → %s', async (_label, collaborators, status) => {
    const [r] = await run(collaborators);
    expect(r.status).toBe(status);
  });

  it('names the admins', async () => {
    const [r] = await run([{ login: 'vendor', permission: 'ADMIN' }]);
    expect(r.observed).toMatchObject({ admins: ['vendor'] });
    expect(r.message).toContain('vendor');
  });

  it('hidden collaborators are an error naming the access needed', async () => {
    const [r] = await runCheck(check, { repos: answers([repoSummary('api')]), outsideCollaborators: failing({ permission: 'push access to the repository' }) });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('push access') });
  });
});
