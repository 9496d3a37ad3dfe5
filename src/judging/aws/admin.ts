import { allowsAdmin } from './policy.js';
import type { AuthorizationDetails, IamPrincipalDetail } from '../../providers/aws/types.js';

/** The AWS-managed policy that grants everything, in any partition. */
const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** ARNs of attached policies that grant `*` on `*`: AdministratorAccess and customer policies that do the same. */
export function adminPolicyArns(details: AuthorizationDetails): Set<string> {
  return new Set(details.policies.filter((p) => allowsAdmin(p.document)).map((p) => p.arn));
}

/** Why a principal is an administrator by its own policies: the names of the policies that make it one. */
export function adminGrants(principal: IamPrincipalDetail, adminArns: Set<string>): string[] {
  return [
    ...principal.attachedPolicies.filter((p) => ADMINISTRATOR_ACCESS.test(p.arn) || adminArns.has(p.arn)).map((p) => p.name),
    ...principal.inlinePolicies.filter((p) => allowsAdmin(p.document)).map((p) => `${p.name} (inline)`),
  ];
}

export interface AdminPrincipal {
  arn: string;
  kind: 'user' | 'group' | 'role';
  via: string[];
}

/** Users, groups and roles with full administrative access; a user is one through an admin group too. */
export function adminPrincipals(details: AuthorizationDetails): AdminPrincipal[] {
  const adminArns = adminPolicyArns(details);
  const groups = details.groups.map((g) => ({ g, via: adminGrants(g, adminArns) })).filter((x) => x.via.length);
  const adminGroups = new Map(groups.map(({ g }) => [g.name, g]));
  const out: AdminPrincipal[] = groups.map(({ g, via }) => ({ arn: g.arn, kind: 'group', via }));
  for (const u of details.users) {
    const via = [...adminGrants(u, adminArns), ...u.groups.filter((name) => adminGroups.has(name)).map((name) => `group ${name}`)];
    if (via.length) out.push({ arn: u.arn, kind: 'user', via });
  }
  for (const r of details.roles) {
    const via = adminGrants(r, adminArns);
    if (via.length) out.push({ arn: r.arn, kind: 'role', via });
  }
  return out.sort((a, b) => a.arn.localeCompare(b.arn));
}
