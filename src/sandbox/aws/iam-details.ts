import { AwsError } from './errors.js';
import { encodeDocument, groupXml, policyXml, roleXml, userXml } from './iam-lists.js';
import { memberList, page } from './query.js';
import type { CallContext } from './server.js';
import type { Group, ManagedPolicy, Principal, Role, User } from './world.js';
import type { XmlObject } from './xml.js';

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

export function accountDetails(p: URLSearchParams, ctx: CallContext, op: string): XmlObject {
  const a = ctx.caller.account;
  const filters = memberList(p, 'Filter');
  for (const f of filters) {
    if (!FILTERS.includes(f)) throw new AwsError('ValidationError', `1 validation error detected: Value '[${f}]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [${FILTERS.join(', ')}]]`);
  }
  const want = (f: string) => filters.length === 0 || filters.includes(f);
  const entries: Entry[] = [];
  if (want('User')) {
    for (const u of a.users as User[]) {
      entries.push({ list: 'UserDetailList', item: { ...userXml(u), PasswordLastUsed: undefined, UserPolicyList: inline(u), GroupList: u.groups, AttachedManagedPolicies: attached(u), Tags: tags(u) } });
    }
  }
  if (want('Group')) {
    for (const g of a.groups as Group[]) entries.push({ list: 'GroupDetailList', item: { ...groupXml(g), GroupPolicyList: inline(g), AttachedManagedPolicies: attached(g) } });
  }
  if (want('Role')) {
    for (const r of a.roles as Role[]) {
      const { Description: _d, MaxSessionDuration: _m, ...base } = roleXml(r);
      entries.push({
        list: 'RoleDetailList',
        item: { ...base, InstanceProfileList: [], RolePolicyList: inline(r), AttachedManagedPolicies: attached(r), Tags: tags(r), RoleLastUsed: { LastUsedDate: r.lastUsed?.at, Region: r.lastUsed?.region } },
      });
    }
  }
  // Only the AWS-managed policies in use in the account appear, like in IAM's answer.
  const policies = a.policies.filter((x: ManagedPolicy) => (x.awsManaged ? want('AWSManagedPolicy') : want('LocalManagedPolicy')));
  for (const x of policies) {
    entries.push({ list: 'Policies', item: { ...policyXml(a, x), PolicyVersionList: [{ Document: encodeDocument(x.document), VersionId: x.version, IsDefaultVersion: true, CreateDate: x.updated }] } });
  }
  const pg = page(entries, p, op);
  const of = (list: Entry['list']) => pg.items.filter((e) => e.list === list).map((e) => e.item);
  return {
    UserDetailList: of('UserDetailList'), GroupDetailList: of('GroupDetailList'), RoleDetailList: of('RoleDetailList'), Policies: of('Policies'),
    IsTruncated: pg.IsTruncated, Marker: pg.Marker,
  };
}
