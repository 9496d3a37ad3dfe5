import { FactError, type FactScope } from '../../core/facts.js';
import { send } from './actions.js';
import type { AwsClients } from './clients.js';
import { allPages } from './paging.js';
import { sdk } from './sdk.js';

const { ListGroupMembershipsCommand } = sdk('@aws-sdk/client-identitystore');
const { DescribePermissionSetCommand, ListAccountAssignmentsCommand, ListInstancesCommand, ListPermissionSetsProvisionedToAccountCommand } =
  sdk('@aws-sdk/client-sso-admin');

/**
 * IAM Identity Center (sso-admin and identitystore), read to learn who stands
 * behind an `AWSReservedSSO_…` role. The organisation instance lives in one
 * home region and is readable only from the management account or the
 * delegated administrator account: these calls go with the credentials of
 * `aws.identityCenter.roleArn`, else the scanner's own (never the scanned
 * member account's role, which sees no organisation instance). So the same
 * for every account: `scope` is the run's, and each fact is read once.
 */

/** Where to find the instance, from `aws.identityCenter` in the config. */
export interface IdentityCenterOptions {
  /** The instance's home region; else the one the reserved role's path names, else the scan's home region. */
  region?: string;
  /** Which instance, when ListInstances shows more than one. */
  instanceArn?: string;
  /** A role in the management or delegated administrator account, assumed to read Identity Center. */
  roleArn?: string;
  externalId?: string;
}

export interface IdentityCenterInstance {
  instanceArn: string;
  identityStoreId: string;
  region: string;
  ownerAccountId: string | null;
  status: string | null;
}

export interface PermissionSetRef {
  arn: string;
  name: string;
}

export interface AccountAssignment {
  principalType: 'USER' | 'GROUP';
  principalId: string;
}

export interface IdentityCenterFacts {
  /**
   * The configured instance, or the only one ListInstances shows; an error when there is none. Read in the configured
   * region, else `regionHint` (the region a reserved role's path names), else the scan's home region.
   */
  instance(regionHint: string | null): Promise<IdentityCenterInstance>;
  /** The permission sets provisioned to the account (ListPermissionSetsProvisionedToAccount), each with its name. */
  permissionSets(instance: IdentityCenterInstance, accountId: string): Promise<PermissionSetRef[]>;
  /** Who is assigned the permission set in the account: users and groups by id. */
  accountAssignments(instance: IdentityCenterInstance, accountId: string, permissionSetArn: string): Promise<AccountAssignment[]>;
  /** The user ids of a group's members (Identity Store groups do not nest). */
  groupMembers(instance: IdentityCenterInstance, groupId: string): Promise<string[]>;
}

/** sso-admin and identitystore lists take at most 100 per page. */
const PAGE = 100;

export function identityCenterFacts(
  scope: FactScope,
  clients: AwsClients,
  homeRegion: string,
  options: IdentityCenterOptions = {},
): IdentityCenterFacts {
  /** A permission set's name: the same in every account it is provisioned to, so read once. */
  const permissionSetName = (instance: IdentityCenterInstance, PermissionSetArn: string) =>
    scope.fact(`aws.identityCenter.permissionSet(${PermissionSetArn})`, async (rec) => {
      const d = await send(
        rec,
        'sso-admin',
        new DescribePermissionSetCommand({ InstanceArn: instance.instanceArn, PermissionSetArn }),
        (c, o) => clients.ssoAdmin(instance.region).send(c, o),
        PermissionSetArn,
      );
      return d.PermissionSet!.Name!;
    });
  return {
    instance: (hint) => {
      const region = options.region ?? hint ?? homeRegion;
      return scope.fact(`aws.identityCenter.instance(${region})`, async (rec) => {
        const sso = clients.ssoAdmin(region);
        const pages = await allPages(
          'sso:ListInstances',
          (NextToken) =>
            send(rec, 'sso-admin', new ListInstancesCommand({ MaxResults: PAGE, NextToken }), (c, o) => sso.send(c, o), region),
          (p) => p.NextToken,
        );
        const all = pages.flatMap((p) => p.Instances!);
        const chosen = options.instanceArn ? all.filter((i) => i.InstanceArn === options.instanceArn) : all;
        if (chosen.length !== 1) {
          const what = options.instanceArn ? `instance ${options.instanceArn}` : 'one instance';
          throw new FactError({
            kind: 'not_found',
            message:
              `sso:ListInstances in ${region} shows ${all.length} IAM Identity Center instance(s), not ${what}: read it from the ` +
              'management or delegated administrator account (aws.identityCenter: region, roleArn, instanceArn)',
            code: 'IdentityCenterNotFound',
          });
        }
        const [i] = chosen as [(typeof chosen)[number]];
        return {
          instanceArn: i.InstanceArn!,
          identityStoreId: i.IdentityStoreId!,
          region,
          ownerAccountId: i.OwnerAccountId ?? null,
          status: i.Status ?? null,
        };
      });
    },
    permissionSets: (instance, accountId) =>
      scope.fact(`aws.identityCenter.permissionSets(${instance.instanceArn},${accountId})`, async (rec) => {
        const sso = clients.ssoAdmin(instance.region);
        const InstanceArn = instance.instanceArn;
        const pages = await allPages(
          'sso:ListPermissionSetsProvisionedToAccount',
          (NextToken) =>
            send(
              rec,
              'sso-admin',
              new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn, AccountId: accountId, MaxResults: PAGE, NextToken }),
              (c, o) => sso.send(c, o),
              accountId,
            ),
          (p) => p.NextToken,
        );
        const sets: PermissionSetRef[] = [];
        for (const arn of pages.flatMap((p) => p.PermissionSets!)) sets.push({ arn, name: await permissionSetName(instance, arn) });
        return sets;
      }),
    accountAssignments: (instance, accountId, permissionSetArn) =>
      scope.fact(`aws.identityCenter.accountAssignments(${instance.instanceArn},${accountId},${permissionSetArn})`, async (rec) => {
        const sso = clients.ssoAdmin(instance.region);
        const pages = await allPages(
          'sso:ListAccountAssignments',
          (NextToken) =>
            send(
              rec,
              'sso-admin',
              new ListAccountAssignmentsCommand({
                InstanceArn: instance.instanceArn,
                AccountId: accountId,
                PermissionSetArn: permissionSetArn,
                MaxResults: PAGE,
                NextToken,
              }),
              (c, o) => sso.send(c, o),
              permissionSetArn,
            ),
          (p) => p.NextToken,
        );
        return pages.flatMap((p) =>
          p.AccountAssignments!.map((a) => ({ principalType: a.PrincipalType as 'USER' | 'GROUP', principalId: a.PrincipalId! })),
        );
      }),
    groupMembers: (instance, groupId) =>
      scope.fact(`aws.identityCenter.groupMembers(${instance.identityStoreId},${groupId})`, async (rec) => {
        const store = clients.identitystore(instance.region);
        const pages = await allPages(
          'identitystore:ListGroupMemberships',
          (NextToken) =>
            send(
              rec,
              'identitystore',
              new ListGroupMembershipsCommand({ IdentityStoreId: instance.identityStoreId, GroupId: groupId, MaxResults: PAGE, NextToken }),
              (c, o) => store.send(c, o),
              groupId,
            ),
          (p) => p.NextToken,
        );
        return pages.flatMap((p) => p.GroupMemberships!.map((m) => m.MemberId!.UserId!));
      }),
  };
}
