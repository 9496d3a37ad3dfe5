import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../providers/aws/types.js';
import { adminGrant, awsManagedPolicy } from './admin-access.js';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const EVERY = 'every action';
const IAM = 'every IAM action';

describe('adminGrant', () => {
  it.each([
    ['Action "*" on "*"', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), EVERY],
    ['statement as an object, not a list', { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }, EVERY],
    ['Action list holding "*"', doc({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['arn:aws:s3:::x', '*'] }), EVERY],
    ['"*:*"', doc({ Effect: 'Allow', Action: '*:*', Resource: '*' }), EVERY],
    ['Resource "arn:*"', doc({ Effect: 'Allow', Action: '*', Resource: 'arn:*' }), EVERY],
    ['Resource "arn:aws:*:*:*:*"', doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:*:*:*:*' }), EVERY],
    ['NotAction of s3 only', doc({ Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' }), IAM],
    [
      'NotAction of IAM (a PowerUserAccess copy)',
      doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }),
      null,
    ],
    ['iam:* on "*"', doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), IAM],
    ['"*" on NotResource', doc({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secret' }), EVERY],
    ['"*" on NotResource "*"', doc({ Effect: 'Allow', Action: '*', NotResource: '*' }), null],
    [
      '"*" then Deny of iam:*',
      doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }),
      null,
    ],
    [
      '"*" then a conditioned Deny of iam:*',
      doc(
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ),
      EVERY,
    ],
    [
      'iam:PutUserPolicy alone',
      doc({ Effect: 'Allow', Action: 'iam:PutUserPolicy', Resource: '*' }),
      'writes its own permissions (iam:PutUserPolicy)',
    ],
    [
      'iam:Attach* (case apart)',
      doc({ Effect: 'Allow', Action: 'IAM:attach*', Resource: '*' }),
      'writes its own permissions (iam:AttachUserPolicy, iam:AttachGroupPolicy)',
    ],
    [
      'PassRole, CreateRole, AttachRolePolicy',
      doc({ Effect: 'Allow', Action: ['iam:PassRole', 'iam:CreateRole', 'iam:AttachRolePolicy'], Resource: '*' }),
      'creates and passes a role it empowers (iam:PassRole, iam:CreateRole, iam:AttachRolePolicy)',
    ],
    [
      'PassRole and CreateRole without a policy write',
      doc({ Effect: 'Allow', Action: ['iam:PassRole', 'iam:CreateRole'], Resource: '*' }),
      null,
    ],
    [
      'PutRolePolicy with UpdateAssumeRolePolicy',
      doc({ Effect: 'Allow', Action: ['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'], Resource: '*' }),
      'empowers and assumes any role (iam:PutRolePolicy, iam:UpdateAssumeRolePolicy)',
    ],
    ['"*" on one resource', doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket' }), null],
    ['service wildcard on "*"', doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), null],
    ['IAM reads on "*"', doc({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }), null],
    ['Deny "*" on "*"', doc({ Effect: 'Deny', Action: '*', Resource: '*' }), null],
    ['no statements', {}, null],
    ['null document', null, null],
  ])('%s → %s', (_name, d: PolicyDocument | null, expected) => {
    expect(adminGrant(d)?.grant ?? null).toBe(expected);
  });
});

describe('awsManagedPolicy', () => {
  it('knows the shipped documents in any partition, and judges them', () => {
    expect(adminGrant(awsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess')?.document)?.grant).toBe(EVERY);
    expect(adminGrant(awsManagedPolicy('arn:aws-cn:iam::aws:policy/IAMFullAccess')?.document)?.grant).toBe(IAM);
    expect(awsManagedPolicy('arn:aws:iam::aws:policy/PowerUserAccess')).toMatchObject({ versionId: 'v12' });
    expect(adminGrant(awsManagedPolicy('arn:aws:iam::aws:policy/PowerUserAccess')?.document)).toBeNull();
    expect(awsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBeUndefined();
    expect(awsManagedPolicy('arn:aws:iam::123456789012:policy/AdministratorAccess')).toBeUndefined();
  });
});
