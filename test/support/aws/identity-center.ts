import type { FakeFacts } from '../../../src/testing/run-check.js';
import type { AwsFacts } from '../../../src/providers/aws/types.js';
import { ACCOUNT } from './facts.js';

/**
 * Hand-made IAM Identity Center facts for check tables: permission sets by
 * name with the users and groups assigned in the test account, and groups
 * by id with their members. An Error in place of the world fails the read
 * it names (`at`), as a denied call would.
 */
export interface IdentityCenterWorld {
  permissionSets: Record<string, { users?: string[]; groups?: string[] }>;
  groups?: Record<string, string[]>;
}

const INSTANCE = {
  instanceArn: 'arn:aws:sso:::instance/ssoins-0123456789abcdef',
  identityStoreId: 'd-0123456789',
  region: 'eu-west-1',
  ownerAccountId: '210987654321',
  status: 'ACTIVE',
};
const setArn = (name: string) => `arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-${name.toLowerCase()}`;

/** The ARN of the role Identity Center provisions for permission set `name` in the test account. */
export const ssoRoleArn = (name: string, region?: string) =>
  `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/${region ? `${region}/` : ''}AWSReservedSSO_${name}_0123456789abcdef`;

type Read = 'instance' | 'permissionSets' | 'accountAssignments' | 'groupMembers';

export function identityCenter(world: IdentityCenterWorld, failures: Partial<Record<Read, Error>> = {}): FakeFacts<AwsFacts> {
  const fail = (read: Read) => {
    const err = failures[read];
    if (err) throw err;
  };
  return {
    identityCenter: {
      instance: async (hint) => {
        fail('instance');
        return { ...INSTANCE, region: hint ?? INSTANCE.region };
      },
      permissionSets: async () => {
        fail('permissionSets');
        return Object.keys(world.permissionSets).map((name) => ({ name, arn: setArn(name) }));
      },
      accountAssignments: async (_instance, accountId, arn) => {
        fail('accountAssignments');
        if (accountId !== ACCOUNT) throw new Error(`assignments asked for account ${accountId}`);
        const [, set] = Object.entries(world.permissionSets).find(([name]) => setArn(name) === arn) ?? [];
        if (!set) throw new Error(`test gave no permission set ${arn}`);
        return [
          ...(set.users ?? []).map((principalId) => ({ principalType: 'USER' as const, principalId })),
          ...(set.groups ?? []).map((principalId) => ({ principalType: 'GROUP' as const, principalId })),
        ];
      },
      groupMembers: async (_instance, groupId) => {
        fail('groupMembers');
        const members = world.groups?.[groupId];
        if (!members) throw new Error(`test gave no group ${groupId}`);
        return members;
      },
    },
  };
}

/** Identity Center facts whose every read fails the test: for accounts that must not need them. */
export function noIdentityCenter(): FakeFacts<AwsFacts> {
  const never = () => Promise.reject(new Error('Identity Center was read'));
  return { identityCenter: { instance: never, permissionSets: never, accountAssignments: never, groupMembers: never } };
}
