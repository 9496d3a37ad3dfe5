import { checkTester } from '../../src/testing/check-tester.js';
import { BUCKET_LISTING_CASES, denied, s3Facts, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.s3.public-access-block.js';

const ALL = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const ACLS_ONLY = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false };
const POLICY_ONLY = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const arn = (name: string) => `arn:aws:s3:::${name}`;

checkTester(check, { target: TARGET }).run({
  'an account-level block covers every bucket, even one with no block of its own': {
    facts: s3Facts({ bare: { publicAccessBlock: null }, partial: { publicAccessBlock: ACLS_ONLY } }, { publicAccessBlock: ALL }),
    results: [
      {
        resource: arn('bare'),
        status: 'pass',
        messageId: 'blocked',
        observed: { bucket: 'bare', source: 'account level', bucketLevel: 'not read' },
      },
      { resource: arn('partial'), status: 'pass', messageId: 'blocked', observed: { source: 'account level' } },
    ],
  },
  'account and bucket combine flag by flag': {
    facts: s3Facts(
      {
        combined: { publicAccessBlock: POLICY_ONLY },
        own: { publicAccessBlock: ALL },
        half: { publicAccessBlock: ACLS_ONLY },
        bare: { publicAccessBlock: null },
      },
      { publicAccessBlock: ACLS_ONLY },
    ),
    results: [
      { resource: arn('combined'), status: 'pass', messageId: 'blocked', observed: { source: 'bucket and account level' } },
      { resource: arn('own'), status: 'pass', messageId: 'blocked' },
      {
        resource: arn('half'),
        status: 'fail',
        messageId: 'open',
        observed: { bucket: 'half', missing: ['BlockPublicPolicy', 'RestrictPublicBuckets'] },
      },
      { resource: arn('bare'), status: 'fail', messageId: 'open', observed: { missing: ['BlockPublicPolicy', 'RestrictPublicBuckets'] } },
    ],
  },
  'with no account-level block, a bucket must block everything itself': {
    facts: s3Facts({ own: { publicAccessBlock: ALL }, half: { publicAccessBlock: POLICY_ONLY } }, { publicAccessBlock: null }),
    results: [
      { resource: arn('own'), status: 'pass', messageId: 'blocked' },
      { resource: arn('half'), status: 'fail', messageId: 'open', observed: { missing: ['BlockPublicAcls', 'IgnorePublicAcls'] } },
    ],
  },
  'a bucket whose block cannot be read is an error alone': {
    facts: s3Facts({ locked: { publicAccessBlock: denied('s3:GetBucketPublicAccessBlock') } }, { publicAccessBlock: null }),
    results: [{ resource: arn('locked'), status: 'error', messageId: 'notCollected', message: 's3:GetBucketPublicAccessBlock' }],
  },
  'without the account-level block, buckets that block all themselves pass and the rest are errors': {
    facts: s3Facts(
      { own: { publicAccessBlock: ALL }, half: { publicAccessBlock: ACLS_ONLY } },
      { publicAccessBlock: denied('s3:GetAccountPublicAccessBlock') },
    ),
    results: [
      { resource: arn('own'), status: 'pass', messageId: 'blocked' },
      { resource: arn('half'), status: 'error', messageId: 'notCollected', message: 's3:GetAccountPublicAccessBlock' },
    ],
  },
  ...BUCKET_LISTING_CASES,
});
