import { describe, expect, it } from 'vitest';
import { deniesInsecureTransport, publicAllowStatements } from './policy.js';

const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

describe('publicAllowStatements', () => {
  it.each([
    ['Principal "*"', { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }, 1],
    ['Principal AWS "*"', { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }, 1],
    [
      'Principal AWS list with "*"',
      { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'kms:Decrypt', Resource: '*' },
      1,
    ],
    [
      'restricted by kms:CallerAccount',
      {
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      },
      0,
    ],
    [
      'restricted by aws:PrincipalOrgID',
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } },
      },
      0,
    ],
    [
      'a condition that does not restrict',
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
      },
      1,
    ],
    [
      'a negated condition',
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } },
      },
      1,
    ],
    [
      'condition keys read case-insensitively',
      { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'AWS:SourceAccount': '1' } } },
      0,
    ],
    [
      'an …IfExists operator',
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEqualsIfExists: { 'kms:CallerAccount': '111122223333' } },
      },
      1,
    ],
    [
      'Null',
      { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { Null: { 'aws:PrincipalOrgID': 'false' } } },
      1,
    ],
    [
      'ForAllValues:',
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': 'o-a/r-b/' } },
      },
      1,
    ],
    [
      'ForAnyValue: with a concrete value',
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-a/r-b/' } },
      },
      0,
    ],
    [
      'kms:CallerAccount "*"',
      { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '*' } } },
      1,
    ],
    [
      'aws:PrincipalOrgID "o-*"',
      { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringLike: { 'aws:PrincipalOrgID': 'o-*' } } },
      1,
    ],
    [
      'a list holding one wildcard',
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': ['111122223333', '*'] } },
      },
      1,
    ],
    [
      'a narrowing pair ANDed with one that does not narrow',
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com', 'kms:CallerAccount': '111122223333' } },
      },
      0,
    ],
    [
      'NotPrincipal with Allow',
      { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:Decrypt', Resource: '*' },
      1,
    ],
    ['the account root', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }, 0],
    ['Deny to "*"', { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }, 0],
  ])('%s → %i', (_name, statement, count) => {
    expect(publicAllowStatements(doc(statement))).toHaveLength(count);
  });
});

describe('deniesInsecureTransport', () => {
  const deny = (over: object = {}) => ({
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    ...over,
  });
  it.each([
    ['the standard statement', doc(deny()), true],
    [
      'boolean false and Principal AWS "*"',
      doc(deny({ Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': false } } })),
      true,
    ],
    [
      'also for one account only (ANDed)',
      doc(deny({ Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '111122223333' } } })),
      false,
    ],
    ['BoolIfExists and Action "*"', doc(deny({ Action: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } })), true],
    ['only GetObject denied', doc(deny({ Action: 's3:GetObject' })), false],
    ['an Allow', doc(deny({ Effect: 'Allow' })), false],
    ['true instead of false', doc(deny({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })), false],
    ['for one principal only', doc(deny({ Principal: { AWS: 'arn:aws:iam::1:root' } })), false],
    ['Resource "*"', doc(deny({ Resource: '*' })), true],
    ['Resource "arn:aws:s3:::b*"', doc(deny({ Resource: 'arn:aws:s3:::b*' })), true],
    ['objects under one prefix only', doc(deny({ Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/public/*'] })), false],
    ['the objects but not the bucket', doc(deny({ Resource: 'arn:aws:s3:::b/*' })), false],
    ['another bucket', doc(deny({ Resource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] })), false],
    ['no policy', null, false],
  ])('%s → %s', (_name, d, expected) => {
    expect(deniesInsecureTransport(d as never, 'arn:aws:s3:::b')).toBe(expected);
  });
});
