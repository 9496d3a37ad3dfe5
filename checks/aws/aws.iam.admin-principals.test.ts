import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { ACCOUNT, ADMIN_DOC, ADMINISTRATOR_ACCESS, details, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.iam.admin-principals.js';

const run = (authorizationDetails: () => Promise<unknown>, settings?: Record<string, number>) =>
  runCheck(check, { iam: { authorizationDetails } } as never, { target: TARGET, settings });

const world = details({
  users: [{ name: 'alice', attachedPolicies: [ADMINISTRATOR_ACCESS] }, { name: 'bob', groups: ['admins'] }, { name: 'carol', groups: ['dev'] }],
  groups: [{ name: 'admins', inlinePolicies: [{ name: 'all', document: ADMIN_DOC }] }, { name: 'dev' }],
  roles: [{ name: 'break-glass', attachedPolicies: [{ name: 'god', arn: `arn:aws:iam::${ACCOUNT}:policy/god` }] }, { name: 'app' }],
  policies: [{ name: 'god', document: ADMIN_DOC }],
});

describe('aws.iam.admin-principals', () => {
  it('lists admins by AdministratorAccess, equivalent customer or inline policies, and admin groups', async () => {
    const [r] = await run(answers(world));
    expect(r).toMatchObject({ status: 'pass', resource: TARGET.resource, observed: { count: 3, maxAdmins: 3 } });
    const listed = (r.observed?.principals as { arn: string }[]).map((p) => p.arn.split(':').pop());
    expect(listed).toEqual(['group/admins', 'role/break-glass', 'user/alice', 'user/bob']);
  });

  it('fails above the configured maximum', async () => {
    const [r] = await run(answers(world), { maxAdmins: 2 });
    expect(r.status).toBe('fail');
  });

  it('passes an account without admins, and errors naming the permission', async () => {
    expect((await run(answers(details({ users: [{ name: 'carol' }] }))))[0].observed).toMatchObject({ count: 0 });
    const [r] = await run(failing({ permission: 'iam:GetAccountAuthorizationDetails' }));
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('iam:GetAccountAuthorizationDetails') });
  });
});
