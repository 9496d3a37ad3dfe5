import { describe, expect, it } from 'vitest';
import type { AwsScenario } from '../../src/sandbox/aws/scenario.js';
import type { GithubScenario } from '../../src/sandbox/github/scenario.js';
import { excess, minimumAws, minimumGithub } from './minimum.js';

describe('minimumAws', () => {
  const scenario: AwsScenario = {
    accounts: [
      {
        id: '111122223333',
        regions: ['us-east-1', 'eu-west-1'],
        root: { mfa: 'virtual' },
        publicAccessBlock: true,
        users: Array.from({ length: 1500 }, (_, i) => ({ name: `u${i}`, ...(i % 2 ? { mfa: [{ type: 'virtual' as const }] } : {}) })),
        roles: [{ name: 'r' }],
        buckets: Array.from({ length: 3 }, (_, i) => ({ name: `b${i}`, region: 'us-east-1' })),
        kmsKeys: [
          { region: 'us-east-1' },
          { region: 'us-east-1', spec: 'RSA_2048', usage: 'ENCRYPT_DECRYPT' },
          { region: 'eu-west-1', manager: 'AWS' },
        ],
      },
    ],
  };

  it('counts pages of lists and one call per resource where the API forces it', () => {
    const { calls, chain } = minimumAws(scenario);
    expect(calls).toMatchObject({
      // 1,500 users + 1 role: two pages of 1,000 entities.
      'iam:GetAccountAuthorizationDetails': 2,
      // 750 users' devices and the root's: one page.
      'iam:ListVirtualMFADevices': 1,
      's3:ListAllMyBuckets': 1,
      's3:GetEncryptionConfiguration': 3,
      'kms:ListKeys': 2,
      'kms:DescribeKey': 3,
      // Rotation is read for the symmetric customer-managed key only.
      'kms:GetKeyRotationStatus': 1,
    });
    // The account-level block covers every bucket: no bucket-level read.
    expect(calls['s3:GetBucketPublicAccessBlock']).toBeUndefined();
    // GetCallerIdentity → DescribeRegions → ListKeys → DescribeKey → GetKeyRotationStatus.
    expect(chain).toBe(5);
  });

  it('reads each bucket’s own block when the account does not block everything', () => {
    const open = { accounts: [{ ...scenario.accounts[0]!, publicAccessBlock: undefined }] };
    expect(minimumAws(open).calls['s3:GetBucketPublicAccessBlock']).toBe(3);
  });
});

describe('minimumGithub', () => {
  it('counts REST pages, GraphQL batches and one webhook list per repository in scope', () => {
    const scenario: GithubScenario = {
      orgs: [
        {
          login: 'o',
          members: [
            { login: 'a', role: 'admin' },
            { login: 'b', two_factor: false },
          ],
          actions: { allowed_actions: 'selected' },
          repos: Array.from({ length: 250 }, (_, i) => ({ name: `r${i}`, archived: i < 50 })),
        },
      ],
    };
    const { calls } = minimumGithub(scenario);
    expect(calls).toMatchObject({
      'GET /orgs/{org}/repos': 3,
      'graphql RepoDetails': 2,
      'GET /repos/{owner}/{repo}/hooks': 200,
      'GET /orgs/{org}/members': 3,
      'GET /orgs/{org}/actions/permissions/selected-actions': 1,
    });
  });
});

describe('excess', () => {
  it('lists only the operations whose counts differ from the minimum', () => {
    expect(excess({ a: 2, b: 1, c: 1 }, { a: 1, b: 1, d: 1 })).toEqual({ a: 1, c: 1, d: -1 });
  });
});
