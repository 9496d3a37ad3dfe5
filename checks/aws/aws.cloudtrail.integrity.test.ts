import { checkTester } from '../../src/testing/check-tester.js';
import { denied, s3Facts, TARGET } from '../../test/support/aws/facts.js';
import { cloudtrailFacts, LOGGING, trail } from '../../test/support/aws/monitoring-facts.js';
import check from './aws.cloudtrail.integrity.js';

const resource = TARGET.resource;
const ALL = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const NONE = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };
const facts = (
  trails: ReturnType<typeof trail>[],
  buckets: Parameters<typeof s3Facts>[0],
  account: typeof ALL | null = null,
  status = {},
) => ({
  ...cloudtrailFacts(trails, { status }),
  ...s3Facts(buckets, { publicAccessBlock: account }),
});

checkTester(check, { target: TARGET }).run({
  'a validated, KMS-encrypted trail whose bucket blocks public access passes': {
    facts: facts([trail('main')], { 'main-logs': { publicAccessBlock: ALL } }),
    results: [{ resource, status: 'pass', messageId: 'intact', observed: { bucket: 'main-logs', kmsKeyId: trail('main').kmsKeyId } }],
  },
  'the account-level block counts for the bucket': {
    facts: facts([trail('main')], { 'main-logs': { publicAccessBlock: null } }, ALL),
    results: [{ resource, status: 'pass', messageId: 'intact' }],
  },
  'an account-level block of all four covers the bucket: its own is not read (a denied read changes nothing)': {
    facts: facts([trail('main')], { 'main-logs': { publicAccessBlock: denied('s3:GetBucketPublicAccessBlock') } }, ALL),
    results: [{ resource, status: 'pass', messageId: 'intact' }],
  },
  'no validation and no KMS fail, each named': {
    facts: facts([trail('main', { logFileValidation: false, kmsKeyId: null })], { 'main-logs': { publicAccessBlock: NONE } }),
    results: [
      {
        resource,
        status: 'fail',
        messageId: 'exposed',
        message: 'log file validation off, not encrypted with KMS',
      },
    ],
  },
  "an organisation trail of the management account: its bucket is that account's to judge": {
    facts: facts([trail('org', { organization: true }, '111122223333')], {}),
    results: [{ resource, status: 'pass', messageId: 'organizationTrail', observed: { owner: '111122223333' } }],
  },
  'an open bucket fails a trail that validates and encrypts': {
    facts: facts([trail('main')], { 'main-logs': { publicAccessBlock: NONE } }),
    results: [
      {
        resource,
        status: 'fail',
        messageId: 'exposed',
        message: 'bucket main-logs does not block public access (BlockPublicAcls, IgnorePublicAcls',
      },
    ],
  },
  'only a trail that records counts: a stopped one is not judged': {
    facts: facts([trail('stopped')], {}, null, { stopped: { ...LOGGING, isLogging: false } }),
    results: [{ resource, status: 'fail', messageId: 'noTrail' }],
  },
  'no multi-Region trail fails': {
    facts: facts([trail('local', { multiRegion: false })], {}),
    results: [{ resource, status: 'fail', messageId: 'noTrail' }],
  },
  "a denied read of the bucket's block is an error naming the action": {
    facts: facts([trail('main')], { 'main-logs': { publicAccessBlock: denied('s3:GetBucketPublicAccessBlock') } }),
    results: [{ resource, status: 'error', messageId: 'notCollected', message: 's3:GetBucketPublicAccessBlock' }],
  },
  'a trail that fails on its own settings is not judged on its bucket (no read)': {
    facts: facts([trail('main', { kmsKeyId: null })], { 'main-logs': { publicAccessBlock: denied('s3:GetBucketPublicAccessBlock') } }),
    results: [{ resource, status: 'fail', messageId: 'exposed', observed: { problems: [`${trail('main').arn}: not encrypted with KMS`] } }],
  },
  'a denied DescribeTrails is an error naming the action': {
    facts: { ...cloudtrailFacts(denied('cloudtrail:DescribeTrails')) },
    results: [{ resource, status: 'error', messageId: 'notCollected', message: 'cloudtrail:DescribeTrails' }],
  },
});
