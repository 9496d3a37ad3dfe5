import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { ACCOUNT, ADMIN_DOC, details, READ_DOC, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.iam.no-admin-policies.js';

const run = (authorizationDetails: () => Promise<unknown>) => runCheck(check, { iam: { authorizationDetails } } as never, { target: TARGET });
const notAction = { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: ['*'] }] };

describe('aws.iam.no-admin-policies', () => {
  it('judges customer-managed policies and each principal\'s inline policies', async () => {
    const results = await run(
      answers(
        details({
          policies: [{ name: 'read', document: READ_DOC }, { name: 'god', document: ADMIN_DOC }, { name: 'almost', document: notAction }],
          roles: [{ name: 'app', inlinePolicies: [{ name: 'ok', document: READ_DOC }, { name: 'bad', document: ADMIN_DOC }] }],
          users: [{ name: 'ci', inlinePolicies: [{ name: 'ok', document: READ_DOC }] }],
        }),
      ),
    );
    const byResource = Object.fromEntries(results.map((r) => [r.resource.replace(`arn:aws:iam::${ACCOUNT}:`, ''), r.status]));
    expect(byResource).toEqual({ 'policy/read': 'pass', 'policy/god': 'fail', 'policy/almost': 'fail', 'role/app': 'fail', 'user/ci': 'pass' });
  });

  it('is not applicable without policies, and errors naming the permission', async () => {
    expect((await run(answers(details({ users: [{ name: 'a' }] }))))[0].status).toBe('not_applicable');
    const [r] = await run(failing({ permission: 'iam:GetAccountAuthorizationDetails' }));
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('iam:GetAccountAuthorizationDetails') });
  });
});
