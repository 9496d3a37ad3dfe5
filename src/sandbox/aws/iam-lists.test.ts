import type { IAMClient } from '@aws-sdk/client-iam';
import {
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  ListAccountAliasesCommand,
  GetGroupPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListMFADevicesCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListUsers,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario.js';
import { startAwsSandbox, type AwsSandbox, type AwsScenario } from './index.js';
import { clientsFor, rejection } from '../../../test/support/aws/sandbox.js';
import { nth } from '../../../test/helpers/nth.js';

const acme = loadScenario('acme').aws as AwsScenario;
const ACCOUNT = '418295730612';
const decode = (s: string | undefined) => JSON.parse(decodeURIComponent(s!));

let sandbox: AwsSandbox;
let iam: IAMClient;
beforeAll(async () => {
  sandbox = await startAwsSandbox(acme);
  iam = clientsFor(sandbox).iam;
});
afterAll(() => sandbox.stop());

describe('aws sandbox: IAM lists and documents over the real SDK', () => {
  it('ListUsers pages by MaxItems with IsTruncated and Marker; the paginator walks every page', async () => {
    const first = await iam.send(new ListUsersCommand({ MaxItems: 4 }));
    expect(first.Users).toHaveLength(4);
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBeTruthy();
    const second = await iam.send(new ListUsersCommand({ MaxItems: 4, Marker: first.Marker }));
    expect(nth(second.Users, 0).UserName).not.toBe(nth(first.Users, 0).UserName);
    const names: string[] = [];
    for await (const page of paginateListUsers({ client: iam, pageSize: 3 }, {})) names.push(...page.Users!.map((u) => u.UserName!));
    expect(names).toHaveLength(11);
    expect(names).toContain('legacy-backup');
    const alice = first.Users!.find((u) => u.UserName === 'alice.nguyen')!;
    expect(alice.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/alice.nguyen`);
    expect(alice.PasswordLastUsed).toBeInstanceOf(Date);
    expect(alice.CreateDate).toBeInstanceOf(Date);
  });

  it('ListGroups, ListRoles (URL-encoded trust policy), ListGroupsForUser', async () => {
    expect((await iam.send(new ListGroupsCommand({}))).Groups?.map((g) => g.GroupName)).toEqual([
      'admins',
      'engineers',
      'analysts',
      'security-auditors',
      'finance',
    ]);
    const roles = (await iam.send(new ListRolesCommand({}))).Roles!;
    const app = roles.find((r) => r.RoleName === 'acme-app-prod')!;
    expect(decode(app.AssumeRolePolicyDocument).Statement[0].Principal.Service).toBe('ecs-tasks.amazonaws.com');
    expect((await iam.send(new ListRolesCommand({ PathPrefix: '/legacy/' }))).Roles?.map((r) => r.RoleName)).toEqual(['legacy-etl']);
    expect((await iam.send(new ListGroupsForUserCommand({ UserName: 'frank.miller' }))).Groups?.map((g) => g.GroupName)).toEqual([
      'analysts',
      'finance',
    ]);
  });

  it('ListPolicies with Scope=Local and OnlyAttached; GetPolicyVersion returns the URL-encoded document', async () => {
    const local = (await iam.send(new ListPoliciesCommand({ Scope: 'Local' }))).Policies!;
    expect(local.map((p) => p.PolicyName)).toEqual([
      'engineers-deploy',
      'ci-deploy-artifacts',
      'acme-app-data',
      'legacy-full-access',
      'draft-readonly',
    ]);
    const attached = (await iam.send(new ListPoliciesCommand({ Scope: 'Local', OnlyAttached: true }))).Policies!;
    expect(attached.map((p) => p.PolicyName)).not.toContain('draft-readonly');
    const legacy = local.find((p) => p.PolicyName === 'legacy-full-access')!;
    expect(legacy).toMatchObject({
      Arn: `arn:aws:iam::${ACCOUNT}:policy/legacy/legacy-full-access`,
      DefaultVersionId: 'v1',
      AttachmentCount: 1,
      IsAttachable: true,
    });
    const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: legacy.Arn, VersionId: legacy.DefaultVersionId }));
    expect(decode(v.PolicyVersion?.Document).Statement).toEqual({ Effect: 'Allow', Action: ['s3:*', '*'], Resource: ['*'] });
    expect(v.PolicyVersion?.IsDefaultVersion).toBe(true);
    const aws = (await iam.send(new ListPoliciesCommand({ Scope: 'AWS', OnlyAttached: true }))).Policies!;
    expect(aws.find((p) => p.PolicyName === 'AdministratorAccess')).toMatchObject({
      Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      AttachmentCount: 2,
    });
    const wrong = await rejection(iam.send(new GetPolicyVersionCommand({ PolicyArn: legacy.Arn, VersionId: 'v9' })));
    expect(wrong.name).toBe('NoSuchEntityException');
  });

  it('attached and inline policies of users, groups and roles', async () => {
    expect((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'erin.ops' }))).AttachedPolicies).toEqual([
      { PolicyName: 'AmazonEC2FullAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2FullAccess' },
    ]);
    expect(
      (await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'engineers' }))).AttachedPolicies?.map((p) => p.PolicyName),
    ).toEqual(['PowerUserAccess', 'engineers-deploy']);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'legacy-etl' }))).AttachedPolicies?.[0]?.PolicyArn).toBe(
      `arn:aws:iam::${ACCOUNT}:policy/legacy/legacy-full-access`,
    );
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: 'legacy-backup' }))).PolicyNames).toEqual(['backup-everything']);
    const up = await iam.send(new GetUserPolicyCommand({ UserName: 'legacy-backup', PolicyName: 'backup-everything' }));
    expect(decode(up.PolicyDocument).Statement[0]).toEqual({ Effect: 'Allow', Action: '*', Resource: '*' });
    expect((await iam.send(new ListGroupPoliciesCommand({ GroupName: 'finance' }))).PolicyNames).toEqual(['billing-read']);
    expect(
      decode((await iam.send(new GetGroupPolicyCommand({ GroupName: 'finance', PolicyName: 'billing-read' }))).PolicyDocument).Statement,
    ).toHaveLength(1);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: 'break-glass' }))).PolicyNames).toEqual(['incident-response']);
    expect((await iam.send(new GetRolePolicyCommand({ RoleName: 'break-glass', PolicyName: 'incident-response' }))).RoleName).toBe(
      'break-glass',
    );
    const missing = await rejection(iam.send(new GetUserPolicyCommand({ UserName: 'alice.nguyen', PolicyName: 'nope' })));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NoSuchEntityException', 404]);
    const nouser = await rejection(iam.send(new ListUserPoliciesCommand({ UserName: 'mallory' })));
    expect(nouser.message).toBe('The user with name mallory cannot be found.');
  });

  it('ListEntitiesForPolicy names the groups, users and roles a policy is attached to', async () => {
    const e = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    expect(e.PolicyGroups?.map((g) => g.GroupName)).toEqual(['admins']);
    expect(e.PolicyRoles?.map((r) => r.RoleName)).toEqual(['OrganizationAccountAccessRole']);
    expect(e.PolicyUsers).toEqual([]);
    const users = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/ci-deploy-artifacts`, EntityFilter: 'User' }),
    );
    expect(users.PolicyUsers?.[0]).toMatchObject({ UserName: 'ci-deploy', UserId: expect.stringMatching(/^AIDA/) });
  });

  it('MFA devices: per user, and the virtual ones across the account (root hardware MFA is not among them)', async () => {
    const bob = await iam.send(new ListMFADevicesCommand({ UserName: 'bob.smith' }));
    expect(bob.MFADevices?.[0]?.SerialNumber).toMatch(/^GAHT[0-9A-F]{8}$/);
    const alice = await iam.send(new ListMFADevicesCommand({ UserName: 'alice.nguyen' }));
    expect(alice.MFADevices?.[0]?.SerialNumber).toBe(`arn:aws:iam::${ACCOUNT}:mfa/alice.nguyen`);
    const v = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    expect(v.VirtualMFADevices?.map((d) => d.User?.UserName)).toEqual(['alice.nguyen', 'erin.ops', 'frank.miller', 'heidi.new']);
    expect(v.VirtualMFADevices?.some((d) => d.SerialNumber?.endsWith('root-account-mfa-device'))).toBe(false);
  });

  it('access keys and their last use', async () => {
    const keys = (await iam.send(new ListAccessKeysCommand({ UserName: 'bob.smith' }))).AccessKeyMetadata!;
    expect(keys.map((k) => k.Status)).toEqual(['Active', 'Inactive']);
    const key = nth(keys, 0);
    expect(key.AccessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    const used = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.AccessKeyId }));
    expect(used.UserName).toBe('bob.smith');
    expect(used.AccessKeyLastUsed).toMatchObject({ ServiceName: 'ecs', Region: 'eu-west-1' });
    expect(used.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date);
    const grace = (await iam.send(new ListAccessKeysCommand({ UserName: 'grace.lee' }))).AccessKeyMetadata!;
    const never = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: nth(grace, 0).AccessKeyId }));
    expect(never.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
  });

  it('GetAccountAuthorizationDetails: everything, paginated across its four lists', async () => {
    const all = { users: [] as string[], groups: [] as string[], roles: [] as string[], policies: [] as string[] };
    let pages = 0;
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 7 }, {})) {
      pages += 1;
      all.users.push(...page.UserDetailList!.map((u) => u.UserName!));
      all.groups.push(...page.GroupDetailList!.map((g) => g.GroupName!));
      all.roles.push(...page.RoleDetailList!.map((r) => r.RoleName!));
      all.policies.push(...page.Policies!.map((p) => p.PolicyName!));
    }
    expect(all.users).toHaveLength(11);
    expect(all.groups).toHaveLength(5);
    expect(all.roles).toHaveLength(5);
    expect(all.policies).toEqual(
      expect.arrayContaining(['legacy-full-access', 'draft-readonly', 'AdministratorAccess', 'PowerUserAccess']),
    );
    expect(pages).toBe(Math.ceil((11 + 5 + 5 + all.policies.length) / 7));
    const one = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'] }));
    const backup = one.UserDetailList!.find((u) => u.UserName === 'legacy-backup')!;
    expect(decode(backup.UserPolicyList?.[0]?.PolicyDocument).Statement[0].Action).toBe('*');
    expect(one.UserDetailList!.find((u) => u.UserName === 'frank.miller')?.GroupList).toEqual(['analysts', 'finance']);
    expect(one.RoleDetailList).toEqual([]);
    const roles = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role', 'LocalManagedPolicy'] }));
    expect(roles.RoleDetailList?.find((r) => r.RoleName === 'acme-app-prod')?.RoleLastUsed?.Region).toBe('us-east-1');
    const app = roles.Policies!.find((p) => p.PolicyName === 'acme-app-data')!;
    expect(app.DefaultVersionId).toBe('v3');
    expect(decode(app.PolicyVersionList?.[0]?.Document).Statement).toHaveLength(2);
    expect(roles.Policies?.some((p) => p.Arn?.startsWith('arn:aws:iam::aws:'))).toBe(false);
  });

  it('rejects a MaxItems out of range as a validation error', async () => {
    const err = await rejection(iam.send(new ListUsersCommand({ MaxItems: 0 })));
    expect(err.$metadata.httpStatusCode).toBe(400);
  });
});

describe('aws sandbox: IAM single-entity reads and the caller', () => {
  it('GetUser (named, or the caller), GetRole with its last use, GetLoginProfile, GetPolicy, ListAccountAliases', async () => {
    expect((await iam.send(new GetUserCommand({ UserName: 'carol.jones' }))).User?.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/carol.jones`);
    expect((await iam.send(new GetUserCommand({}))).User?.UserName).toBe('annexa-scanner');
    const role = (await iam.send(new GetRoleCommand({ RoleName: 'legacy-etl' }))).Role!;
    expect(role).toMatchObject({ Path: '/legacy/', RoleLastUsed: { Region: 'eu-west-1', LastUsedDate: expect.any(Date) } });
    expect((await iam.send(new GetLoginProfileCommand({ UserName: 'carol.jones' }))).LoginProfile?.UserName).toBe('carol.jones');
    const none = await rejection(iam.send(new GetLoginProfileCommand({ UserName: 'ci-deploy' })));
    expect(none.name).toBe('NoSuchEntityException');
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))).Policy).toMatchObject({
      AttachmentCount: 1,
      Description: expect.stringContaining('read-only'),
    });
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual(['acme-prod']);
  });

  it('a role session must name the user; a forged marker is rejected', async () => {
    const sts = clientsFor(sandbox).sts;
    const r = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/break-glass`, RoleSessionName: 'oncall' }));
    const asRole = clientsFor(sandbox, 'us-east-1', {
      accessKeyId: r.Credentials!.AccessKeyId!,
      secretAccessKey: r.Credentials!.SecretAccessKey!,
      sessionToken: r.Credentials!.SessionToken,
    }).iam;
    const err = await rejection(asRole.send(new ListAccessKeysCommand({})));
    expect([err.$metadata.httpStatusCode, err.message]).toEqual([400, 'Must specify userName when calling with non-User credentials']);
    const forged = await rejection(iam.send(new ListUsersCommand({ Marker: Buffer.from('ListRoles:2').toString('base64') })));
    expect(forged.$metadata.httpStatusCode).toBe(400);
  });
});
