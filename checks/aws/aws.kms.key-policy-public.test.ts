import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, denied, kmsFacts, kmsKey, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.kms.key-policy-public.js';

const arn = (id: string) => `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${id}`;
const rootOnly = {
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};
const open = {
  Statement: [...rootOnly.Statement, { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }],
};
const anyone = (Condition: Record<string, Record<string, string | string[]>>) => ({
  Statement: [{ Sid: 'Anyone', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition }],
});
const conditioned = {
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } },
    },
  ],
};

checkTester(check, { target: TARGET }).run({
  'an unconditioned "*" fails; a policy for the account or restricted by a condition passes': {
    facts: kmsFacts(
      { 'eu-west-1': [kmsKey('private'), kmsKey('open'), kmsKey('conditioned')] },
      { keyPolicy: { private: rootOnly, open, conditioned } },
    ),
    results: [
      { resource: arn('private'), status: 'pass', messageId: 'restricted', observed: { keyId: 'private' } },
      {
        resource: arn('open'),
        status: 'fail',
        messageId: 'public',
        message: 'Key open policy allows anyone: Anyone',
        observed: { keyId: 'open', sids: ['Anyone'] },
      },
      { resource: arn('conditioned'), status: 'pass', messageId: 'restricted' },
    ],
  },
  'conditions that do not narrow the caller leave the key public': {
    facts: kmsFacts(
      {
        'eu-west-1': [
          kmsKey('if-exists'),
          kmsKey('null'),
          kmsKey('for-all'),
          kmsKey('any-account'),
          kmsKey('any-org'),
          kmsKey('negated'),
          kmsKey('not-principal'),
        ],
      },
      {
        keyPolicy: {
          'if-exists': anyone({ StringEqualsIfExists: { 'kms:CallerAccount': ACCOUNT } }),
          null: anyone({ Null: { 'aws:PrincipalOrgID': 'false' } }),
          'for-all': anyone({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgPaths': ['o-abc/r-1/'] } }),
          'any-account': anyone({ StringEquals: { 'kms:CallerAccount': '*' } }),
          'any-org': anyone({ StringLike: { 'aws:PrincipalOrgID': 'o-*' } }),
          negated: anyone({ StringNotEquals: { 'aws:PrincipalAccount': '999999999999' } }),
          'not-principal': {
            Statement: [
              {
                Sid: 'AllButOne',
                Effect: 'Allow',
                NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:user/x` },
                Action: 'kms:Decrypt',
                Resource: '*',
              },
            ],
          },
        },
      },
    ),
    results: [
      { resource: arn('if-exists'), status: 'fail', messageId: 'public', observed: { sids: ['Anyone'] } },
      { resource: arn('null'), status: 'fail', messageId: 'public' },
      { resource: arn('for-all'), status: 'fail', messageId: 'public' },
      { resource: arn('any-account'), status: 'fail', messageId: 'public' },
      { resource: arn('any-org'), status: 'fail', messageId: 'public' },
      { resource: arn('negated'), status: 'fail', messageId: 'public' },
      { resource: arn('not-principal'), status: 'fail', messageId: 'public', observed: { sids: ['AllButOne'] } },
    ],
  },
  'one narrowing pair is enough, the pairs being ANDed': {
    facts: kmsFacts(
      { 'eu-west-1': [kmsKey('org')] },
      {
        keyPolicy: {
          org: anyone({
            StringEquals: { 'aws:PrincipalOrgID': 'o-abc123', 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
            BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' },
          }),
        },
      },
    ),
    results: [{ resource: arn('org'), status: 'pass', messageId: 'restricted' }],
  },
  'AWS-managed keys and keys pending deletion are not applicable': {
    facts: kmsFacts({ 'eu-west-1': [kmsKey('aws', { keyManager: 'AWS' }), kmsKey('doomed', { keyState: 'PendingDeletion' })] }),
    results: [
      { resource: arn('aws'), status: 'not_applicable', messageId: 'awsManaged', observed: { keyId: 'aws' } },
      {
        resource: arn('doomed'),
        status: 'not_applicable',
        messageId: 'notInUse',
        observed: { keyId: 'doomed', keyState: 'PendingDeletion' },
      },
    ],
  },
  'a key that returned no policy is missing data, not restricted': {
    facts: kmsFacts({ 'eu-west-1': [kmsKey('k')] }, { keyPolicy: { k: null } }),
    results: [
      {
        resource: arn('k'),
        status: 'error',
        messageId: 'missingData',
        message: 'returned no policy',
        observed: { reason: { kind: 'missing' } },
      },
    ],
  },
  'a policy that cannot be read is an error naming the permission': {
    facts: kmsFacts({ 'eu-west-1': [kmsKey('k')] }, { keyPolicy: { k: denied('kms:GetKeyPolicy') } }),
    results: [{ resource: arn('k'), status: 'error', messageId: 'notCollected', message: 'kms:GetKeyPolicy' }],
  },
  'no key in any scanned region is not applicable': {
    facts: kmsFacts({ 'eu-west-1': [] }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noKeys' }],
  },
});
