import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { key, report, root, TARGET, user } from '../../src/providers/aws/test-facts.js';
import check from './aws.iam.unused-credentials.js';

// runCheck's clock is 2026-06-01; 45 days before is 2026-04-17.
const run = (credentialReport: () => Promise<unknown>) => runCheck(check, { iam: { credentialReport } } as never, { target: TARGET });
const console = (lastUsed: string | null, changed = '2026-01-01T00:00:00Z') => ({ passwordEnabled: true, passwordLastUsed: lastUsed, passwordLastChanged: changed });

describe('aws.iam.unused-credentials', () => {
  it.each([
    ['password used recently', user('u', console('2026-05-20T00:00:00Z')), 'pass'],
    ['password unused for 60 days', user('u', console('2026-04-01T00:00:00Z')), 'fail'],
    ['password never used, set long ago', user('u', console(null)), 'fail'],
    ['password never used, set last week', user('u', console(null, '2026-05-25T00:00:00Z')), 'pass'],
    ['key used yesterday', user('u', { accessKeys: [key(1, '2025-01-01T00:00:00Z', '2026-05-31T00:00:00Z')] }), 'pass'],
    ['key unused since March', user('u', { accessKeys: [key(1, '2025-01-01T00:00:00Z', '2026-03-01T00:00:00Z')] }), 'fail'],
    ['key never used, created long ago', user('u', { accessKeys: [key(1, '2025-01-01T00:00:00Z')] }), 'fail'],
    ['recent password, stale key', user('u', { ...console('2026-05-30T00:00:00Z'), accessKeys: [key(1, '2025-01-01T00:00:00Z')] }), 'fail'],
  ])('%s → %s', async (_name, row, status) => {
    const [r] = await run(answers(report(root(), row)));
    expect(r).toMatchObject({ status, resource: row.arn });
  });

  it('ignores disabled credentials and root; errors when the report is denied', async () => {
    expect((await run(answers(report(root({ passwordLastUsed: '2020-01-01T00:00:00Z' }), user('none')))))[0].status).toBe('not_applicable');
    const [r] = await run(failing({ permission: 'iam:GenerateCredentialReport' }));
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('iam:GenerateCredentialReport') });
  });
});
