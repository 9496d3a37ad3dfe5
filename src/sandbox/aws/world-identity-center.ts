import { awsManagedPolicy } from './aws-managed.js';
import { hexId, iamId, uuid } from './ids.js';
import type { IdentityCenterSpec } from './scenario-identity-center.js';
import type { Account, Role } from './world.js';

/**
 * The Identity Center instance of a scenario, resolved: ids and ARNs
 * generated, names checked. Building it also provisions each assigned
 * permission set's `AWSReservedSSO_<name>_<16 hex>` role into the accounts,
 * as Identity Center does, so that IAM shows what Identity Center grants.
 */
export interface IdentityCenterWorld {
  instanceArn: string;
  identityStoreId: string;
  region: string;
  ownerAccount: string;
  created: Date;
  users: { id: string; name: string }[];
  groups: { id: string; name: string; members: string[] }[];
  permissionSets: {
    arn: string;
    name: string;
    description?: string;
    created: Date;
    assignments: { account: string; principalType: 'USER' | 'GROUP'; principalId: string }[];
  }[];
}

const NAME = /^[\w+=,.@-]{1,32}$/;

export function buildIdentityCenter(
  spec: IdentityCenterSpec,
  accounts: Account[],
  defaults: { region: string; owner: string },
  now: Date,
): IdentityCenterWorld {
  const region = spec.region ?? defaults.region;
  const owner = spec.account ?? defaults.owner;
  const instanceId = `ssoins-${hexId(`sso:${owner}`, 16)}`;
  const storeId = `d-${hexId(`store:${owner}`, 10)}`;
  const created = new Date(now.getTime() - 900 * 86_400_000);
  const users = (spec.users ?? []).map((name) => ({ id: `${hexId(`${storeId}:prefix`, 10)}-${uuid(`${storeId}:user:${name}`)}`, name }));
  const userId = (name: string, where: string) => {
    const u = users.find((x) => x.name === name);
    if (!u) throw new Error(`identityCenter ${where}: unknown user "${name}"`);
    return u.id;
  };
  const groups = (spec.groups ?? []).map((g) => ({
    id: `${hexId(`${storeId}:prefix`, 10)}-${uuid(`${storeId}:group:${g.name}`)}`,
    name: g.name,
    members: (g.members ?? []).map((m) => userId(m, `group ${g.name}`)),
  }));
  const groupId = (name: string, where: string) => {
    const g = groups.find((x) => x.name === name);
    if (!g) throw new Error(`identityCenter ${where}: unknown group "${name}"`);
    return g.id;
  };
  const permissionSets = (spec.permissionSets ?? []).map((ps) => {
    if (!NAME.test(ps.name)) throw new Error(`identityCenter permission set "${ps.name}": not a valid permission set name`);
    const where = `permission set ${ps.name}`;
    const assignments = (ps.assignments ?? []).flatMap((a) => {
      // An account the scenario leaves out (a subset of a larger organisation) keeps its assignments, with no IAM to provision.
      const account = accounts.find((x) => x.id === a.account);
      if (account) provisionRole(account, ps, region, owner);
      return [
        ...(a.users ?? []).map((u) => ({ account: a.account, principalType: 'USER' as const, principalId: userId(u, where) })),
        ...(a.groups ?? []).map((g) => ({ account: a.account, principalType: 'GROUP' as const, principalId: groupId(g, where) })),
      ];
    });
    return {
      arn: `arn:aws:sso:::permissionSet/${instanceId}/ps-${hexId(`${instanceId}:ps:${ps.name}`, 16)}`,
      name: ps.name,
      description: ps.description,
      created,
      assignments,
    };
  });
  return {
    instanceArn: `arn:aws:sso:::instance/${instanceId}`,
    identityStoreId: storeId,
    region,
    ownerAccount: owner,
    created,
    users,
    groups,
    permissionSets,
  };
}

/** The role Identity Center creates in an account for a permission set (once, whatever the number of assignments). */
function provisionRole(account: Account, ps: NonNullable<IdentityCenterSpec['permissionSets']>[number], region: string, owner: string) {
  const name = `AWSReservedSSO_${ps.name}_${hexId(`${owner}:${account.id}:${ps.name}`, 16)}`;
  if (account.roles.some((r) => r.name === name)) return;
  // Outside us-east-1 the path names the instance's region.
  const path = `/aws-reserved/sso.amazonaws.com/${region === 'us-east-1' ? '' : `${region}/`}`;
  const attached = (ps.policies ?? []).map((ref) => {
    const policyName = ref.startsWith('arn:aws:iam::aws:policy/') ? (ref.split('/').pop() ?? ref) : ref;
    let p = account.policies.find((q) => q.awsManaged && q.name === policyName);
    if (!p) {
      p = awsManagedPolicy(policyName);
      if (!p) throw new Error(`identityCenter permission set ${ps.name}: unknown AWS-managed policy "${ref}"`);
      account.policies.push(p);
    }
    return { name: p.name, arn: p.arn };
  });
  const samlProvider = `arn:aws:iam::${account.id}:saml-provider/AWSSSO_${hexId(`${owner}:saml`, 16)}_DO_NOT_DELETE`;
  const role: Role = {
    kind: 'role',
    name,
    path,
    id: iamId('AROA', `${account.id}:role:${name}`),
    arn: `arn:aws:iam::${account.id}:role${path}${name}`,
    created: account.created,
    attached,
    inline: ps.inlinePolicy ? { AwsSSOInlinePolicy: ps.inlinePolicy } : {},
    tags: {},
    description: ps.description,
    trust: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: samlProvider },
          Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
          Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
        },
      ],
    },
  };
  account.roles.push(role);
}
