import { FactError } from '../../src/core/facts.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { BUCKET_LISTING_CASES, denied, s3Facts, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.s3.access-logging.js';

const logsTo = (targetBucket: string) => ({ logging: { enabled: true, targetBucket, targetPrefix: 's3/' } });
const noSuchBucket = new FactError({ kind: 'not_found', message: 'NoSuchBucket: The specified bucket does not exist' });

checkTester(check, { target: TARGET }).run({
  'logged buckets pass, the others fail, the unreadable are errors': {
    facts: s3Facts(
      {
        logged: { logging: { enabled: true, targetBucket: 'acme-logs', targetPrefix: 's3/logged/' } },
        silent: { logging: { enabled: false, targetBucket: null, targetPrefix: null } },
        locked: { logging: denied('s3:GetBucketLogging') },
      },
      { bucketRegion: { 'acme-logs': 'eu-west-1' } },
    ),
    results: [
      {
        resource: 'arn:aws:s3:::logged',
        status: 'pass',
        messageId: 'enabled',
        message: 'logged logs access to acme-logs',
        observed: { bucket: 'logged', targetBucket: 'acme-logs', targetPrefix: 's3/logged/', targetRegion: 'eu-west-1' },
      },
      { resource: 'arn:aws:s3:::silent', status: 'fail', messageId: 'disabled', observed: { bucket: 'silent', targetBucket: null } },
      { resource: 'arn:aws:s3:::locked', status: 'error', messageId: 'notCollected', message: 's3:GetBucketLogging' },
    ],
  },
  'a target bucket that does not exist fails; one the scan cannot read could not be confirmed': {
    facts: s3Facts(
      { gone: logsTo('deleted-logs'), foreign: logsTo('other-account-logs') },
      { bucketRegion: { 'deleted-logs': noSuchBucket, 'other-account-logs': denied('s3:GetBucketLocation') } },
    ),
    results: [
      {
        resource: 'arn:aws:s3:::gone',
        status: 'fail',
        messageId: 'targetMissing',
        observed: { targetBucket: 'deleted-logs' },
        message: 'which does not exist',
      },
      { resource: 'arn:aws:s3:::foreign', status: 'error', messageId: 'notCollected', message: 's3:GetBucketLocation' },
    ],
  },
  'logging enabled without a target is missing data': {
    facts: s3Facts({ odd: { logging: { enabled: true, targetBucket: null, targetPrefix: null } } }),
    results: [{ resource: 'arn:aws:s3:::odd', status: 'error', messageId: 'missingData', message: 'without a target bucket' }],
  },
  ...BUCKET_LISTING_CASES,
});
