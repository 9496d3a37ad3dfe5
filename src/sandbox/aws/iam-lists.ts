import { AWS_MANAGED_POLICIES, awsManagedPolicy } from './aws-managed.js';
import { AwsError } from './errors.js';
import { memberList, page } from './query.js';
import type { CallContext } from './server.js';
import type { Account, Group, ManagedPolicy, Principal, Role, User } from './world.js';
import type { XmlObject } from './xml.js';

type Op = (p: URLSearchParams, ctx: CallContext, op: string) => XmlObject | undefined;

/** IAM returns policy documents URL-encoded (RFC 3986). */
export function encodeDocument(doc: unknown): string {
  return encodeURIComponent(JSON.stringify(doc));
}

function noSuch(what: string): never {
  throw new AwsError('NoSuchEntity', what, 404);
}

export function userOf(ctx: CallContext, p: URLSearchParams): User | undefined {
  const name = p.get('UserName');
  if (name === null) {
    // Without a UserName IAM answers for the calling user, which a role session is not.
    if (!/^arn:aws:iam::\d{12}:user\//.test(ctx.caller.arn))
      throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
    return ctx.caller.account.users.find((u) => u.arn === ctx.caller.arn);
  }
  return ctx.caller.account.users.find((u) => u.name === name) ?? noSuch(`The user with name ${name} cannot be found.`);
}
function groupOf(ctx: CallContext, p: URLSearchParams): Group {
  const name = p.get('GroupName');
  return ctx.caller.account.groups.find((g) => g.name === name) ?? noSuch(`The group with name ${name} cannot be found.`);
}
function roleOf(ctx: CallContext, p: URLSearchParams): Role {
  const name = p.get('RoleName');
  return ctx.caller.account.roles.find((r) => r.name === name) ?? noSuch(`The role with name ${name} cannot be found.`);
}
function principalOf(kind: string, ctx: CallContext, p: URLSearchParams): Principal {
  if (kind === 'User') return userOf(ctx, p) ?? noSuch('The user with name cannot be found.');
  return kind === 'Group' ? groupOf(ctx, p) : roleOf(ctx, p);
}

/** Every policy IAM would list: the account's customer policies and the catalogued AWS-managed ones. */
function allPolicies(a: Account): ManagedPolicy[] {
  const local = a.policies.filter((x) => !x.awsManaged);
  const aws = Object.keys(AWS_MANAGED_POLICIES).map((n) => a.policies.find((x) => x.awsManaged && x.name === n) ?? awsManagedPolicy(n)!);
  return [...local, ...aws];
}
export function policyOf(ctx: CallContext, arn: string | null): ManagedPolicy {
  return allPolicies(ctx.caller.account).find((x) => x.arn === arn) ?? noSuch(`Policy ${arn} does not exist or is not attachable.`);
}

export function attachedTo(a: Account, arn: string): Principal[] {
  return [...a.users, ...a.groups, ...a.roles].filter((e) => e.attached.some((x) => x.arn === arn));
}

export const userXml = (u: User) => ({
  Path: u.path,
  UserName: u.name,
  UserId: u.id,
  Arn: u.arn,
  CreateDate: u.created,
  PasswordLastUsed: u.console?.lastUsed,
});
export const groupXml = (g: Group) => ({ Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: g.created });
export const roleXml = (r: Role) => ({
  Path: r.path,
  RoleName: r.name,
  RoleId: r.id,
  Arn: r.arn,
  CreateDate: r.created,
  AssumeRolePolicyDocument: encodeDocument(r.trust),
  Description: r.description,
  MaxSessionDuration: 3600,
});
export const policyXml = (a: Account, x: ManagedPolicy) => ({
  PolicyName: x.name,
  PolicyId: x.id,
  Arn: x.arn,
  Path: x.path,
  DefaultVersionId: x.version,
  AttachmentCount: attachedTo(a, x.arn).length,
  PermissionsBoundaryUsageCount: 0,
  IsAttachable: true,
  CreateDate: x.created,
  UpdateDate: x.updated,
});

const byPath = <T extends { path: string }>(items: T[], p: URLSearchParams) =>
  items.filter((i) => i.path.startsWith(p.get('PathPrefix') ?? '/'));

/** A paginated answer: `key` holds the page, then IsTruncated and Marker as IAM orders them. */
function paged<T>(key: string, items: T[], p: URLSearchParams, op: string, render: (t: T) => XmlObject | string): XmlObject {
  const pg = page(items, p, op);
  return { [key]: pg.items.map(render), IsTruncated: pg.IsTruncated, Marker: pg.Marker };
}

function inlineOps(kind: 'User' | 'Group' | 'Role'): Record<string, Op> {
  return {
    [`List${kind}Policies`]: (p, ctx, op) => paged('PolicyNames', Object.keys(principalOf(kind, ctx, p).inline), p, op, (n) => n),
    [`Get${kind}Policy`]: (p, ctx) => {
      const e = principalOf(kind, ctx, p);
      const name = p.get('PolicyName') ?? '';
      const doc = e.inline[name] ?? noSuch(`The ${kind.toLowerCase()} policy with name ${name} cannot be found.`);
      return { [`${kind}Name`]: e.name, PolicyName: name, PolicyDocument: encodeDocument(doc) };
    },
    [`ListAttached${kind}Policies`]: (p, ctx, op) =>
      paged('AttachedPolicies', principalOf(kind, ctx, p).attached, p, op, (x) => ({ PolicyName: x.name, PolicyArn: x.arn })),
  };
}

function keysOf(ctx: CallContext, p: URLSearchParams) {
  const u = userOf(ctx, p);
  return u ? u.keys.map((k) => ({ user: u.name, k })) : [];
}

/**
 * GetAccountAuthorizationDetails: every user, group, role and policy of the
 * account with their inline documents and attachments, in one paginated
 * answer. `MaxItems` counts entities across the four lists, which fill in
 * that order, as IAM does.
 */
const FILTERS = ['User', 'Group', 'Role', 'LocalManagedPolicy', 'AWSManagedPolicy'];

type Entry = { list: 'UserDetailList' | 'GroupDetailList' | 'RoleDetailList' | 'Policies'; item: XmlObject };

const inline = (e: Principal) => Object.entries(e.inline).map(([PolicyName, doc]) => ({ PolicyName, PolicyDocument: encodeDocument(doc) }));
const attached = (e: Principal) => e.attached.map((x) => ({ PolicyName: x.name, PolicyArn: x.arn }));
const tags = (e: Principal) => Object.entries(e.tags).map(([Key, Value]) => ({ Key, Value }));

function accountDetails(p: URLSearchParams, ctx: CallContext, op: string): XmlObject {
  const a = ctx.caller.account;
  const filters = memberList(p, 'Filter');
  for (const f of filters) {
    if (!FILTERS.includes(f))
      throw new AwsError(
        'ValidationError',
        `1 validation error detected: Value '[${f}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${FILTERS.join(', ')}]]`,
      );
  }
  const want = (f: string) => filters.length === 0 || filters.includes(f);
  const entries: Entry[] = [];
  if (want('User')) {
    for (const u of a.users) {
      entries.push({
        list: 'UserDetailList',
        item: {
          ...userXml(u),
          PasswordLastUsed: undefined,
          UserPolicyList: inline(u),
          GroupList: u.groups,
          AttachedManagedPolicies: attached(u),
          Tags: tags(u),
        },
      });
    }
  }
  if (want('Group')) {
    for (const g of a.groups)
      entries.push({ list: 'GroupDetailList', item: { ...groupXml(g), GroupPolicyList: inline(g), AttachedManagedPolicies: attached(g) } });
  }
  if (want('Role')) {
    for (const r of a.roles) {
      const { Description: _d, MaxSessionDuration: _m, ...base } = roleXml(r);
      entries.push({
        list: 'RoleDetailList',
        item: {
          ...base,
          InstanceProfileList: [],
          RolePolicyList: inline(r),
          AttachedManagedPolicies: attached(r),
          Tags: tags(r),
          RoleLastUsed: { LastUsedDate: r.lastUsed?.at, Region: r.lastUsed?.region },
        },
      });
    }
  }
  // Only the AWS-managed policies in use in the account appear, like in IAM's answer.
  const policies = a.policies.filter((x: ManagedPolicy) => (x.awsManaged ? want('AWSManagedPolicy') : want('LocalManagedPolicy')));
  for (const x of policies) {
    entries.push({
      list: 'Policies',
      item: {
        ...policyXml(a, x),
        PolicyVersionList: [{ Document: encodeDocument(x.document), VersionId: x.version, IsDefaultVersion: true, CreateDate: x.updated }],
      },
    });
  }
  const pg = page(entries, p, op);
  const of = (list: Entry['list']) => pg.items.filter((e) => e.list === list).map((e) => e.item);
  return {
    UserDetailList: of('UserDetailList'),
    GroupDetailList: of('GroupDetailList'),
    RoleDetailList: of('RoleDetailList'),
    Policies: of('Policies'),
    IsTruncated: pg.IsTruncated,
    Marker: pg.Marker,
  };
}

export const IAM_LISTS: Record<string, Op> = {
  ...inlineOps('User'),
  ...inlineOps('Group'),
  ...inlineOps('Role'),
  ListUsers: (p, ctx, op) => paged('Users', byPath(ctx.caller.account.users, p), p, op, userXml),
  ListGroups: (p, ctx, op) => paged('Groups', byPath(ctx.caller.account.groups, p), p, op, groupXml),
  ListRoles: (p, ctx, op) => paged('Roles', byPath(ctx.caller.account.roles, p), p, op, roleXml),
  GetUser: (p, ctx) => {
    const u = userOf(ctx, p);
    return {
      User: u
        ? userXml(u)
        : {
            Path: '/',
            UserName: ctx.caller.arn.split('/').pop(),
            UserId: ctx.caller.userId,
            Arn: ctx.caller.arn,
            CreateDate: ctx.caller.account.created,
          },
    };
  },
  GetRole: (p, ctx) => {
    const r = roleOf(ctx, p);
    return { Role: { ...roleXml(r), RoleLastUsed: { LastUsedDate: r.lastUsed?.at, Region: r.lastUsed?.region } } };
  },
  GetLoginProfile: (p, ctx) => {
    const u = userOf(ctx, p);
    if (!u?.console) noSuch(`Login Profile for User ${p.get('UserName')} cannot be found.`);
    return { LoginProfile: { UserName: u.name, CreateDate: u.console.changed, PasswordResetRequired: false } };
  },
  ListGroupsForUser: (p, ctx, op) => {
    const u = userOf(ctx, p);
    const groups = ctx.caller.account.groups.filter((g) => u?.groups.includes(g.name));
    return paged('Groups', groups, p, op, groupXml);
  },
  ListPolicies: (p, ctx, op) => {
    const a = ctx.caller.account;
    const scope = p.get('Scope') ?? 'All';
    let items = allPolicies(a).filter((x) => scope === 'All' || (scope === 'Local') !== x.awsManaged);
    if (p.get('OnlyAttached') === 'true') items = items.filter((x) => attachedTo(a, x.arn).length > 0);
    return paged('Policies', byPath(items, p), p, op, (x) => policyXml(a, x));
  },
  GetPolicy: (p, ctx) => {
    const x = policyOf(ctx, p.get('PolicyArn'));
    return { Policy: { ...policyXml(ctx.caller.account, x), Description: x.description || undefined } };
  },
  GetPolicyVersion: (p, ctx) => {
    const x = policyOf(ctx, p.get('PolicyArn'));
    const v = p.get('VersionId');
    if (v !== x.version) noSuch(`Policy ${x.arn} version ${v} does not exist or is not attachable.`);
    return { PolicyVersion: { Document: encodeDocument(x.document), VersionId: v, IsDefaultVersion: true, CreateDate: x.updated } };
  },
  ListEntitiesForPolicy: (p, ctx, op) => {
    const x = policyOf(ctx, p.get('PolicyArn'));
    const filter = p.get('EntityFilter');
    const kinds = filter === 'User' || filter === 'Group' || filter === 'Role' ? [filter.toLowerCase()] : ['user', 'group', 'role'];
    const pg = page(
      byPath(
        attachedTo(ctx.caller.account, x.arn).filter((e) => kinds.includes(e.kind)),
        p,
      ),
      p,
      op,
    );
    const of = (kind: string, key: string) =>
      pg.items.filter((e) => e.kind === kind).map((e) => ({ [`${key}Name`]: e.name, [`${key}Id`]: e.id }));
    return {
      PolicyGroups: of('group', 'Group'),
      PolicyUsers: of('user', 'User'),
      PolicyRoles: of('role', 'Role'),
      IsTruncated: pg.IsTruncated,
      Marker: pg.Marker,
    };
  },
  ListMFADevices: (p, ctx, op) => {
    const u = userOf(ctx, p);
    return paged('MFADevices', u?.mfa ?? [], p, op, (m) => ({ UserName: u!.name, SerialNumber: m.serial, EnableDate: m.enabled }));
  },
  ListVirtualMFADevices: (p, ctx, op) => {
    const a = ctx.caller.account;
    const status = p.get('AssignmentStatus') ?? 'Any';
    const devices =
      status === 'Unassigned'
        ? []
        : [
            ...(a.root.mfa === 'virtual'
              ? [
                  {
                    SerialNumber: `arn:aws:iam::${a.id}:mfa/root-account-mfa-device`,
                    User: { UserId: a.id, Arn: `arn:aws:iam::${a.id}:root`, CreateDate: a.root.created },
                    EnableDate: a.root.created,
                  },
                ]
              : []),
            ...a.users.flatMap((u) =>
              u.mfa.filter((m) => m.virtual).map((m) => ({ SerialNumber: m.serial, User: userXml(u), EnableDate: m.enabled })),
            ),
          ];
    return paged('VirtualMFADevices', devices, p, op, (d) => d);
  },
  ListAccessKeys: (p, ctx, op) =>
    paged('AccessKeyMetadata', keysOf(ctx, p), p, op, ({ user, k }) => ({
      UserName: user,
      AccessKeyId: k.id,
      Status: k.active ? 'Active' : 'Inactive',
      CreateDate: k.created,
    })),
  GetAccessKeyLastUsed: (p, ctx) => {
    const a = ctx.caller.account;
    const id = p.get('AccessKeyId');
    const owner = [...a.users.map((u) => ({ name: u.name, keys: u.keys })), { name: 'root', keys: a.root.keys }].find((o) =>
      o.keys.some((k) => k.id === id),
    );
    const k = owner?.keys.find((x) => x.id === id);
    if (!owner || !k) throw new AwsError('AccessDenied', `The specified access key ${id} does not belong to this account.`, 403);
    return {
      UserName: owner.name,
      AccessKeyLastUsed: { LastUsedDate: k.lastUsed, ServiceName: k.service ?? 'N/A', Region: k.region ?? 'N/A' },
    };
  },
  GetAccountAuthorizationDetails: accountDetails,
};
