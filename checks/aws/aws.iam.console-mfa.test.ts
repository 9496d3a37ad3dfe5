import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { report, root, TARGET, user } from '../../src/providers/aws/test-facts.js';
import check from './aws.iam.console-mfa.js';

const run = (credentialReport: () => Promise<unknown>) => runCheck(check, { iam: { credentialReport } } as never, { target: TARGET });

describe('aws.iam.console-mfa', () => {
  it('passes console users with MFA, fails those without, ignores users without a password and root', async () => {
    const results = await run(answers(report(root({ mfaActive: false }), user('alice', { passwordEnabled: true, mfaActive: true }), user('bob', { passwordEnabled: true }), user('ci'))));
    expect(results.map((r) => [r.resource.split('/').pop(), r.status])).toEqual([
      ['alice', 'pass'],
      ['bob', 'fail'],
    ]);
  });

  it('is not applicable when no user has a console password', async () => {
    expect((await run(answers(report(root(), user('ci')))))[0].status).toBe('not_applicable');
  });

  it('errors naming the permission when the report cannot be read', async () => {
    const [r] = await run(failing({ permission: 'iam:GetCredentialReport' }));
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('iam:GetCredentialReport') });
  });
});
