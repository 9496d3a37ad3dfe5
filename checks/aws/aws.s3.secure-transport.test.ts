import { checkTester } from '../../src/testing/check-tester.js';
import { BUCKET_LISTING_CASES, denied, s3Facts, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.s3.secure-transport.js';

const tlsOnly = {
  Statement: [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::tls-only', 'arn:aws:s3:::tls-only/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
};
const deny = (bucket: string, Condition: Record<string, Record<string, string>>) => ({
  Statement: [
    { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition },
  ],
});
const publicRead = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };

checkTester(check, { target: TARGET }).run({
  'a TLS-only policy passes; another policy or none fails; an unreadable one is an error': {
    facts: s3Facts({
      'tls-only': { policy: tlsOnly },
      'public-read': { policy: publicRead },
      'no-policy': { policy: null },
      locked: { policy: denied('s3:GetBucketPolicy') },
    }),
    results: [
      { resource: 'arn:aws:s3:::tls-only', status: 'pass', messageId: 'enforced', observed: { bucket: 'tls-only' } },
      {
        resource: 'arn:aws:s3:::public-read',
        status: 'fail',
        messageId: 'notEnforced',
        observed: { bucket: 'public-read', policy: publicRead },
      },
      { resource: 'arn:aws:s3:::no-policy', status: 'fail', messageId: 'noPolicy', observed: { bucket: 'no-policy', policy: null } },
      { resource: 'arn:aws:s3:::locked', status: 'error', messageId: 'notCollected', message: 's3:GetBucketPolicy' },
    ],
  },
  'a Deny whose other conditions narrow it does not count; BoolIfExists does': {
    facts: s3Facts({
      'one-account': {
        policy: deny('one-account', { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '111122223333' } }),
      },
      'if-exists': { policy: deny('if-exists', { BoolIfExists: { 'aws:SecureTransport': 'false' } }) },
    }),
    results: [
      { resource: 'arn:aws:s3:::one-account', status: 'fail', messageId: 'notEnforced' },
      { resource: 'arn:aws:s3:::if-exists', status: 'pass', messageId: 'enforced' },
    ],
  },
  ...BUCKET_LISTING_CASES,
});
