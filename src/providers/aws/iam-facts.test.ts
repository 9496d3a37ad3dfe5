import { describe, expect, it } from 'vitest';
import { FactStore } from '../../core/facts.js';
import { Pools } from '../../core/pools.js';
import type { AwsClients } from './clients.js';
import { classify } from './errors.js';
import { globalFacts } from './iam-facts.js';

/** globalFacts over an IAM client that answers GetAccountAuthorizationDetails with one page (a narrow unit test). */
function detailsFrom(page: object) {
  const iam = {
    send: async () => ({ IsTruncated: false, UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], ...page }),
  };
  const clients = { iam: () => iam } as unknown as AwsClients;
  const scope = new FactStore(new Pools()).scope({ target: 'aws:111122223333', pool: 'aws', classify });
  return globalFacts(scope, clients, {}).iam.authorizationDetails();
}

const doc = encodeURIComponent(
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
);

describe('aws.iam.authorizationDetails', () => {
  it('decodes the documents of managed and inline policies', async () => {
    const d = await detailsFrom({
      Policies: [
        {
          PolicyName: 'read',
          Arn: 'arn:aws:iam::111122223333:policy/read',
          DefaultVersionId: 'v1',
          PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc }],
        },
      ],
      UserDetailList: [
        {
          UserName: 'ana',
          Arn: 'arn:aws:iam::111122223333:user/ana',
          GroupList: [],
          AttachedManagedPolicies: [],
          UserPolicyList: [{ PolicyName: 'own', PolicyDocument: doc }],
        },
      ],
    });
    expect(d.policies[0]?.document.Statement).toEqual([expect.objectContaining({ Action: 's3:GetObject' })]);
    expect(d.users[0]?.inlinePolicies[0]?.document.Statement).toHaveLength(1);
  });

  it.each([
    [
      'a managed policy without its default version',
      { Policies: [{ PolicyName: 'p', Arn: 'arn:aws:iam::111122223333:policy/p', DefaultVersionId: 'v2', PolicyVersionList: [] }] },
      /default version of arn:aws:iam::111122223333:policy\/p/,
    ],
    [
      'an inline policy without its text',
      {
        RoleDetailList: [
          { RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', AttachedManagedPolicies: [], RolePolicyList: [{ PolicyName: 'inl' }] },
        ],
      },
      /inline policy inl/,
    ],
    [
      'a user without its group list',
      { UserDetailList: [{ UserName: 'ana', Arn: 'arn:aws:iam::111122223333:user/ana', AttachedManagedPolicies: [] }] },
      /GroupList/,
    ],
  ])('refuses %s: read as empty it would look least-privileged', async (_, page, message) => {
    await expect(detailsFrom(page)).rejects.toMatchObject({ kind: 'malformed', message: expect.stringMatching(message) });
  });
});
