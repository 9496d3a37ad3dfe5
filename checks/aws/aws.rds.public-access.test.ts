import { checkTester } from '../../src/testing/check-tester.js';
import { dataFacts, rdsCluster, rdsInstance } from '../../test/support/aws/data-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.rds.public-access.js';

checkTester(check, { target: TARGET }).run({
  'a private instance passes, a public one fails': {
    facts: dataFacts({
      'eu-west-1': { instances: [rdsInstance('orders'), rdsInstance('reporting', { publiclyAccessible: true })], clusters: [] },
    }),
    results: [
      { resource: rdsInstance('orders').arn, status: 'pass', messageId: 'private', observed: { publiclyAccessible: false } },
      { resource: rdsInstance('reporting').arn, status: 'fail', messageId: 'public', observed: { publiclyAccessible: true } },
    ],
  },
  'Aurora members are judged one by one; the Aurora cluster itself is not applicable': {
    facts: dataFacts({
      'eu-west-1': {
        instances: [
          rdsInstance('ledger-1', { clusterId: 'ledger' }),
          rdsInstance('ledger-2', { clusterId: 'ledger', publiclyAccessible: true }),
        ],
        clusters: [rdsCluster('ledger', { members: ['ledger-1', 'ledger-2'] })],
      },
    }),
    results: [
      { resource: rdsCluster('ledger').arn, status: 'not_applicable', messageId: 'perInstance' },
      { resource: rdsInstance('ledger-1').arn, status: 'pass', messageId: 'private', observed: { clusterId: 'ledger' } },
      { resource: rdsInstance('ledger-2').arn, status: 'fail', messageId: 'public', observed: { clusterId: 'ledger' } },
    ],
  },
  'a Multi-AZ DB cluster is judged on its own PubliclyAccessible': {
    facts: dataFacts({
      'eu-west-1': {
        instances: [],
        clusters: [
          rdsCluster('maz', { engine: 'postgres', publiclyAccessible: true }),
          rdsCluster('maz2', { engine: 'mysql', publiclyAccessible: false }),
        ],
      },
    }),
    results: [
      { resource: rdsCluster('maz').arn, status: 'fail', messageId: 'public', observed: { kind: 'cluster' } },
      { resource: rdsCluster('maz2').arn, status: 'pass', messageId: 'private' },
    ],
  },
  'no database is not applicable': {
    facts: dataFacts({ 'eu-west-1': { instances: [], clusters: [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noDatabases' }],
  },
  'a denied cluster listing errors the region, naming the action': {
    facts: dataFacts({ 'eu-west-1': { instances: [], clusters: denied('rds:DescribeDBClusters') } }),
    results: [
      {
        resource: 'arn:aws:rds:eu-west-1:123456789012:db:*',
        status: 'error',
        messageId: 'notCollected',
        message: 'rds:DescribeDBClusters',
      },
    ],
  },
});
