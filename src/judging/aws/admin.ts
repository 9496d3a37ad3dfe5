import type { AuthorizationDetails, IamPrincipalDetail } from '../../providers/aws/types.js';
import { adminGrant, awsManagedPolicy } from './admin-access.js';

/**
 * Who holds administrator access (see admin-access.ts for what counts):
 * customer-managed and inline policies by their documents, AWS-managed
 * policies by the documents annexa ships (AdministratorAccess,
 * PowerUserAccess, IAMFullAccess, with their version).
 */

/** ARNs of attached policies whose documents are administrator access: customer-managed ones and the shipped AWS-managed ones. */
export function adminPolicyArns(details: AuthorizationDetails): Set<string> {
  return new Set(details.policies.filter((p) => adminGrant(p.document)).map((p) => p.arn));
}

const isAdminPolicy = (arn: string, adminArns: Set<string>) => adminArns.has(arn) || Boolean(adminGrant(awsManagedPolicy(arn)?.document));

/** Why a principal is an administrator by its own policies: the names of the policies that make it one. */
export function adminGrants(principal: IamPrincipalDetail, adminArns: Set<string>): string[] {
  return [
    ...principal.attachedPolicies.filter((p) => isAdminPolicy(p.arn, adminArns)).map((p) => p.name),
    ...principal.inlinePolicies.filter((p) => adminGrant(p.document)).map((p) => `${p.name} (inline)`),
  ];
}

export interface AdminPrincipal {
  arn: string;
  kind: 'user' | 'group' | 'role';
  via: string[];
}

/** Users, groups and roles with administrator access; a user is one through an admin group too. */
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
