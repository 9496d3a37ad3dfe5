import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSandbox, type SandboxScan } from './harness.js';

/**
 * IAM Identity Center through the real sso-admin and identitystore clients
 * against the emulator: the management account owns an instance in
 * eu-west-1 (the reserved role's path names it), the member account holds
 * the permission set's role, and the scan of the member counts the people
 * assigned to it.
 */
const MANAGEMENT = '100000000001';
const MEMBER = '200000000002';
const SECOND = '300000000003';
const account = (id: string) => `AWS::::Account:${id}`;
const audit = { name: 'annexa-audit', policies: ['SecurityAudit'] };
/** Enough members that the group's listing takes two pages of 100. */
const crowd = Array.from({ length: 150 }, (_, i) => `user-${i}`);

function scenario(extra: { deny?: string[]; owner?: string; second?: boolean } = {}) {
  const members = extra.second ? [MEMBER, SECOND] : [MEMBER];
  return {
    homeRegion: 'us-east-1',
    organization: {},
    accounts: [
      { id: MANAGEMENT, regions: ['us-east-1'], roles: [audit] },
      ...members.map((id) => ({ id, regions: ['us-east-1'], roles: [audit] })),
    ],
    ...(extra.deny ? { deny: extra.deny } : {}),
    identityCenter: {
      region: 'eu-west-1',
      ...(extra.owner ? { account: extra.owner } : {}),
      users: ['ana', 'ben', 'cleo', 'dan', ...crowd],
      groups: [{ name: 'ops', members: ['ana', 'ben', 'cleo', ...crowd] }],
      permissionSets: [
        {
          name: 'Admin_Full',
          policies: ['AdministratorAccess'],
          assignments: members.map((account) => ({ account, groups: ['ops'], users: ['cleo', 'dan'] })),
        },
        { name: 'ReadOnly', policies: ['ReadOnlyAccess'], assignments: [{ account: MEMBER, users: ['ana'] }] },
      ],
    },
  };
}

describe('Identity Center administrators through the real SDK clients', () => {
  let scan: SandboxScan;
  beforeAll(async () => {
    scan = await scanSandbox(scenario(), { only: ['aws.iam.admin-principals'] });
  });
  afterAll(() => scan?.handle.stop());

  it('counts the users of the assigned group (every page) and the users assigned directly, each once', () => {
    const member = scan.of('aws.iam.admin-principals').get(account(MEMBER));
    expect(member).toMatchObject({ status: 'fail', messageId: 'many', observed: { count: 154 } });
    const [holders] = member?.observed?.identityCenter as {
      permissionSet: string;
      role: string;
      users: string[];
      groups: { members: string[] }[];
    }[];
    expect(holders?.permissionSet).toBe('Admin_Full');
    expect(holders?.role).toMatch(/:role\/aws-reserved\/sso\.amazonaws\.com\/eu-west-1\/AWSReservedSSO_Admin_Full_[0-9a-f]{16}$/);
    expect(holders?.users).toHaveLength(2);
    expect(holders?.groups[0]?.members).toHaveLength(153);
  });

  it('reads Identity Center only for the account with an administrator reserved role, one call per page', () => {
    expect(scan.of('aws.iam.admin-principals').get(account(MANAGEMENT))).toMatchObject({ status: 'pass', observed: { count: 0 } });
    const { byOperation } = scan.handle.stats!() as { byOperation: Record<string, number> };
    expect(byOperation).toMatchObject({
      'sso-admin:ListInstances': 1,
      'sso-admin:ListPermissionSetsProvisionedToAccount': 1,
      'sso-admin:DescribePermissionSet': 2,
      'sso-admin:ListAccountAssignments': 1,
      'identitystore:ListGroupMemberships': 2,
    });
  });
});

describe('Identity Center behind several accounts', () => {
  it('reads the instance, the permission sets and the groups once for the run, not once per account', async () => {
    const scan = await scanSandbox(scenario({ second: true }), { only: ['aws.iam.admin-principals'] });
    try {
      for (const id of [MEMBER, SECOND]) {
        expect(scan.of('aws.iam.admin-principals').get(account(id))).toMatchObject({ status: 'fail', observed: { count: 154 } });
      }
      const { byOperation } = scan.handle.stats!() as { byOperation: Record<string, number> };
      expect(byOperation).toMatchObject({
        'sso-admin:ListInstances': 1,
        'sso-admin:ListPermissionSetsProvisionedToAccount': 2,
        'sso-admin:DescribePermissionSet': 2,
        'sso-admin:ListAccountAssignments': 2,
        'identitystore:ListGroupMemberships': 2,
      });
    } finally {
      await scan.handle.stop();
    }
  });
});

describe('Identity Center that cannot be read', () => {
  it('a denied assignment listing is an error naming sso:ListAccountAssignments', async () => {
    const scan = await scanSandbox(scenario({ deny: ['sso:ListAccountAssignments'] }), { only: ['aws.iam.admin-principals'] });
    try {
      expect(scan.of('aws.iam.admin-principals').get(account(MEMBER))).toMatchObject({
        status: 'error',
        messageId: 'notCollected',
        message: expect.stringContaining('needs sso:ListAccountAssignments'),
      });
    } finally {
      await scan.handle.stop();
    }
  });

  it('an instance the scanner cannot see (owned by the member account) is an error naming sso:ListInstances', async () => {
    const scan = await scanSandbox(scenario({ owner: MEMBER }), { only: ['aws.iam.admin-principals'] });
    try {
      expect(scan.of('aws.iam.admin-principals').get(account(MEMBER))).toMatchObject({
        status: 'error',
        message: expect.stringContaining('sso:ListInstances in eu-west-1 shows 0 IAM Identity Center instance(s)'),
      });
    } finally {
      await scan.handle.stop();
    }
  });
});
