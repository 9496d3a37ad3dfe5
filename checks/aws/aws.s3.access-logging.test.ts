import { checkTester } from '../../src/testing/check-tester.js';
import { denied, s3Facts, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.s3.access-logging.js';

checkTester(check, { target: TARGET }).run({
  'logged buckets pass, the others fail, the unreadable are errors': {
    facts: s3Facts({
      logged: { logging: { enabled: true, targetBucket: 'acme-logs', targetPrefix: 's3/logged/' } },
      silent: { logging: { enabled: false, targetBucket: null, targetPrefix: null } },
      locked: { logging: denied('s3:GetBucketLogging') },
    }),
    results: [
      { resource: 'arn:aws:s3:::logged', status: 'pass', messageId: 'enabled', message: 'logged logs access to acme-logs', observed: { bucket: 'logged', targetBucket: 'acme-logs', targetPrefix: 's3/logged/' } },
      { resource: 'arn:aws:s3:::silent', status: 'fail', messageId: 'disabled', observed: { bucket: 'silent', targetBucket: null } },
      { resource: 'arn:aws:s3:::locked', status: 'error', messageId: 'notCollected', message: 's3:GetBucketLogging' },
    ],
  },
  'an account without buckets is not applicable': {
    facts: s3Facts({}),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noBuckets' }],
  },
});
