import { describe, expect, it } from 'vitest';
import { repoSummary } from '../../src/providers/github/fixtures.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.repo.deploy-keys.js';

const run = (keys: { title: string; readOnly: boolean }[]) => runCheck(check, { repos: answers([repoSummary('api')]), deployKeys: answers(keys) });

describe('github.repo.deploy-keys', () => {
  it.each([
    ['read-only keys', [{ title: 'ci', readOnly: true }, { title: 'mirror', readOnly: true }], 'pass'],
    ['a write key', [{ title: 'ci', readOnly: true }, { title: 'deploy', readOnly: false }], 'fail'],
    ['no keys', [], 'not_applicable'],
  ])('%s → %s', async (_label, keys, status) => {
    const [r] = await run(keys);
    expect(r.status).toBe(status);
  });

  it('names the write keys', async () => {
    const [r] = await run([{ title: 'deploy', readOnly: false }]);
    expect(r.observed).toMatchObject({ writable: ['deploy'] });
  });

  it('hidden keys are an error naming admin', async () => {
    const [r] = await runCheck(check, { repos: answers([repoSummary('api')]), deployKeys: failing({ permission: 'admin on the repository' }) });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('admin on the repository') });
  });
});
