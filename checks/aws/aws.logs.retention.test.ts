import { checkTester } from '../../src/testing/check-tester.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import { logGroup, logsFacts } from '../../test/support/aws/monitoring-facts.js';
import check from './aws.logs.retention.js';

const arn = (name: string, region = 'eu-west-1') => logGroup(name, {}, region).arn;

checkTester(check, { target: TARGET }).run({
  'a group kept long enough under a KMS key passes; never expiring counts as long enough': {
    facts: logsFacts({ 'eu-west-1': [logGroup('/app/api'), logGroup('/audit', { retentionInDays: null })] }),
    results: [
      { resource: arn('/app/api'), status: 'pass', messageId: 'kept', message: 'keeps events 400 days' },
      { resource: arn('/audit'), status: 'pass', messageId: 'kept', message: 'for ever' },
    ],
  },
  'a short retention fails first, with the key recorded; no KMS key fails': {
    facts: logsFacts({
      'eu-west-1': [logGroup('/short', { retentionInDays: 30, kmsKeyId: null }), logGroup('/plain', { kmsKeyId: null })],
    }),
    results: [
      {
        resource: arn('/short'),
        status: 'fail',
        messageId: 'shortRetention',
        observed: { retentionInDays: 30, kmsKeyId: null, minRetentionDays: 365 },
      },
      { resource: arn('/plain'), status: 'fail', messageId: 'notKmsEncrypted' },
    ],
  },
  'minRetentionDays comes from the settings': {
    facts: logsFacts({ 'eu-west-1': [logGroup('/app/api', { retentionInDays: 90 })] }),
    settings: { minRetentionDays: 90 },
    results: [{ resource: arn('/app/api'), status: 'pass', messageId: 'kept' }],
  },
  'no log group in any region is not applicable': {
    facts: logsFacts({ 'eu-west-1': [], 'us-east-1': [] }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noLogGroups' }],
  },
  'a denied listing errors that region, naming the action': {
    facts: logsFacts({ 'eu-west-1': [logGroup('/app/api')], 'us-east-1': denied('logs:DescribeLogGroups') }),
    results: [
      { resource: arn('/app/api'), status: 'pass', messageId: 'kept' },
      {
        resource: 'arn:aws:logs:us-east-1:123456789012:log-group:*',
        status: 'error',
        messageId: 'notCollected',
        message: 'logs:DescribeLogGroups',
      },
    ],
  },
});
