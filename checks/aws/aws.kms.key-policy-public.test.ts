import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, denied, kmsFacts, kmsKey, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.kms.key-policy-public.js';

const arn = (id: string) => `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${id}`;
const rootOnly = { Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] };
const open = { Statement: [...rootOnly.Statement, { Sid: 'Anyone', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] };
const conditioned = { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': ACCOUNT } } }] };

checkTester(check, { target: TARGET }).run({
  'an unconditioned "*" fails; a policy for the account or restricted by a condition passes': {
    facts: kmsFacts({ 'eu-west-1': [kmsKey('private'), kmsKey('open'), kmsKey('conditioned')] }, { keyPolicy: { private: rootOnly, open, conditioned } }),
    results: [
      { resource: arn('private'), status: 'pass', messageId: 'restricted', observed: { keyId: 'private' } },
      { resource: arn('open'), status: 'fail', messageId: 'public', message: 'Key open policy allows anyone: Anyone', observed: { keyId: 'open', sids: ['Anyone'] } },
      { resource: arn('conditioned'), status: 'pass', messageId: 'restricted' },
    ],
  },
  'AWS-managed keys and keys pending deletion are not applicable': {
    facts: kmsFacts({ 'eu-west-1': [kmsKey('aws', { keyManager: 'AWS' }), kmsKey('doomed', { keyState: 'PendingDeletion' })] }),
    results: [
      { resource: arn('aws'), status: 'not_applicable', messageId: 'awsManaged', observed: { keyId: 'aws' } },
      { resource: arn('doomed'), status: 'not_applicable', messageId: 'notInUse', observed: { keyId: 'doomed', keyState: 'PendingDeletion' } },
    ],
  },
  'a key that returned no policy is missing data, not restricted': {
    facts: kmsFacts({ 'eu-west-1': [kmsKey('k')] }, { keyPolicy: { k: null } }),
    results: [{ resource: arn('k'), status: 'error', messageId: 'missingData', message: 'returned no policy', observed: { reason: { kind: 'missing' } } }],
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
