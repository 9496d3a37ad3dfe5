import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { key, report, root, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.iam.root-access-keys.js';

const run = (credentialReport: () => Promise<unknown>) => runCheck(check, { iam: { credentialReport } } as never, { target: TARGET });

describe('aws.iam.root-access-keys', () => {
  it.each([
    ['no keys', root(), 'pass'],
    ['inactive key only', root({ accessKeys: [key(1, '2024-01-01T00:00:00Z', null, false), key(2, '2024-01-01T00:00:00Z', null, false)] }), 'pass'],
    ['active key in slot 2', root({ accessKeys: [key(1, '2024-01-01T00:00:00Z', null, false), key(2, '2026-05-01T00:00:00Z')] }), 'fail'],
  ])('%s → %s', async (_name, row, status) => {
    const [r] = await run(answers(report(row)));
    expect(r).toMatchObject({ status, resource: row.arn });
  });

  it('errors without a root row, and when the report is denied', async () => {
    expect((await run(answers(report())))[0].status).toBe('error');
    const [r] = await run(failing({ permission: 'iam:GenerateCredentialReport' }));
    expect(r.status).toBe('error');
    expect(r.message).toContain('iam:GenerateCredentialReport');
  });
});
