import { FactError } from '../../core/facts.js';
import type { IdentityCenterFacts } from '../../providers/aws/identity-center-facts.js';
import { settleAll } from '../../core/settle.js';

/**
 * Who stands behind an IAM Identity Center role. Identity Center provisions
 * one IAM role per permission set in each account it is assigned to,
 * `…:role/aws-reserved/sso.amazonaws.com/[<region>/]AWSReservedSSO_<PermissionSet>_<16 hex>`
 * (the path names the instance's region outside us-east-1), and every user
 * assigned the permission set in that account, directly or through a group,
 * signs in to it: one role, any number of people.
 */
const RESERVED =
  /^arn:[\w-]+:iam::(\d{12}):role\/aws-reserved\/sso\.amazonaws\.com\/(?:([a-z]{2}(?:-[a-z]+)+-\d)\/)?AWSReservedSSO_(.+)_([0-9a-f]{16})$/;

export interface ReservedSsoRole {
  arn: string;
  accountId: string;
  /** The region the role's path names, else `null`. */
  region: string | null;
  permissionSet: string;
}

/** The role as Identity Center named it, or `undefined` for any other role. */
export function reservedSsoRole(arn: string): ReservedSsoRole | undefined {
  const m = RESERVED.exec(arn);
  if (!m) return undefined;
  const [, accountId = '', region, permissionSet = ''] = m;
  return { arn, accountId, region: region ?? null, permissionSet };
}

export interface PermissionSetHolders {
  permissionSet: string;
  permissionSetArn: string;
  role: string;
  /** Users assigned directly, by Identity Store user id. */
  users: string[];
  /** Groups assigned, each with its members' user ids. */
  groups: { id: string; members: string[] }[];
}

/** Every user id of the holders, once, however many permission sets and groups they reach it through. */
export function holderUsers(holders: PermissionSetHolders[]): string[] {
  return [...new Set(holders.flatMap((h) => [...h.users, ...h.groups.flatMap((g) => g.members)]))].sort();
}

/**
 * The users and groups assigned each role's permission set in its account.
 * A role whose permission set Identity Center does not show as provisioned
 * to the account is an error, never nobody: the instance read is not the one
 * that made the role.
 */
export async function permissionSetHolders(facts: IdentityCenterFacts, roles: ReservedSsoRole[]): Promise<PermissionSetHolders[]> {
  const out: PermissionSetHolders[] = [];
  for (const role of roles) {
    const instance = await facts.instance(role.region);
    const sets = await facts.permissionSets(instance, role.accountId);
    const set = sets.find((s) => s.name === role.permissionSet);
    if (!set) {
      throw new FactError({
        kind: 'not_found',
        message:
          `${role.arn}: no permission set named ${role.permissionSet} is provisioned to account ${role.accountId} in ` +
          `${instance.instanceArn} (sso:ListPermissionSetsProvisionedToAccount)`,
        code: 'PermissionSetNotFound',
      });
    }
    const assignments = await facts.accountAssignments(instance, role.accountId, set.arn);
    const groups = await settleAll(
      assignments
        .filter((a) => a.principalType === 'GROUP')
        .map(async (a) => ({ id: a.principalId, members: [...new Set(await facts.groupMembers(instance, a.principalId))].sort() })),
    );
    const users = assignments.filter((a) => a.principalType === 'USER').map((a) => a.principalId);
    out.push({ permissionSet: set.name, permissionSetArn: set.arn, role: role.arn, users: [...new Set(users)].sort(), groups });
  }
  return out;
}
