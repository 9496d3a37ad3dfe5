import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { ADMINISTRATOR_ACCESS, details, READ_DOC, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.iam.role-based-access.js';

const run = (authorizationDetails: () => Promise<unknown>) => runCheck(check, { iam: { authorizationDetails } } as never, { target: TARGET });

describe('aws.iam.role-based-access', () => {
  it('passes users with groups only, fails attached and inline user policies', async () => {
    const results = await run(
      answers(
        details({
          users: [
            { name: 'grouped', groups: ['dev'] },
            { name: 'attached', attachedPolicies: [ADMINISTRATOR_ACCESS] },
            { name: 'inline', inlinePolicies: [{ name: 'read', document: READ_DOC }] },
          ],
        }),
      ),
    );
    expect(results.map((r) => [r.resource.split('/').pop(), r.status])).toEqual([
      ['grouped', 'pass'],
      ['attached', 'fail'],
      ['inline', 'fail'],
    ]);
    expect(results[2].observed).toMatchObject({ policies: ['read (inline)'] });
  });

  it('is not applicable without users, and errors naming the permission', async () => {
    expect((await run(answers(details({}))))[0].status).toBe('not_applicable');
    const [r] = await run(failing({ permission: 'iam:GetAccountAuthorizationDetails' }));
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('iam:GetAccountAuthorizationDetails') });
  });
});
