import { checkTester } from '../../src/testing/check-tester.js';
import { dataFacts, rdsSnapshot } from '../../test/support/aws/data-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.rds.snapshot-public.js';

checkTester(check, { target: TARGET }).run({
  'a private snapshot passes, one shared with an account passes naming it, a public one fails': {
    facts: dataFacts({
      'eu-west-1': {
        snapshots: [rdsSnapshot('quiet'), rdsSnapshot('partner'), rdsSnapshot('open', 'cluster')],
        restorers: { quiet: [], partner: ['210987654321'], open: ['all'] },
      },
    }),
    results: [
      { resource: rdsSnapshot('quiet').arn, status: 'pass', messageId: 'private', observed: { sharedWith: [] } },
      { resource: rdsSnapshot('partner').arn, status: 'pass', messageId: 'private', observed: { sharedWith: ['210987654321'] } },
      { resource: rdsSnapshot('open', 'cluster').arn, status: 'fail', messageId: 'public', observed: { kind: 'cluster' } },
    ],
  },
  'public to everyone and shared with an account still fails': {
    facts: dataFacts({ 'eu-west-1': { snapshots: [rdsSnapshot('both')], restorers: { both: ['all', '210987654321'] } } }),
    results: [{ resource: rdsSnapshot('both').arn, status: 'fail', messageId: 'public', observed: { sharedWith: ['210987654321'] } }],
  },
  'no manual snapshot is not applicable': {
    facts: dataFacts({ 'eu-west-1': { snapshots: [] }, 'us-east-1': { snapshots: [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noSnapshots' }],
  },
  'a denied attribute read errors that snapshot; a denied listing errors the region': {
    facts: dataFacts({
      'eu-west-1': { snapshots: [rdsSnapshot('s')], restorers: { s: denied('rds:DescribeDBSnapshotAttributes') } },
      'us-east-1': { snapshots: denied('rds:DescribeDBSnapshots') },
    }),
    results: [
      { resource: rdsSnapshot('s').arn, status: 'error', messageId: 'notCollected', message: 'rds:DescribeDBSnapshotAttributes' },
      {
        resource: 'arn:aws:rds:us-east-1:123456789012:snapshot:*',
        status: 'error',
        messageId: 'notCollected',
        message: 'rds:DescribeDBSnapshots',
      },
    ],
  },
});
