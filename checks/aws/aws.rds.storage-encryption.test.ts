import { checkTester } from '../../src/testing/check-tester.js';
import { dataFacts, rdsCluster, rdsInstance } from '../../test/support/aws/data-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.rds.storage-encryption.js';

checkTester(check, { target: TARGET }).run({
  'an encrypted instance and cluster pass; an unencrypted instance fails': {
    facts: dataFacts({
      'eu-west-1': {
        instances: [rdsInstance('orders'), rdsInstance('legacy', { storageEncrypted: false, engine: 'mysql' })],
        clusters: [rdsCluster('ledger')],
      },
    }),
    results: [
      { resource: rdsCluster('ledger').arn, status: 'pass', messageId: 'encrypted', observed: { kind: 'cluster', storageEncrypted: true } },
      { resource: rdsInstance('orders').arn, status: 'pass', messageId: 'encrypted' },
      {
        resource: rdsInstance('legacy').arn,
        status: 'fail',
        messageId: 'notEncrypted',
        observed: { engine: 'mysql', storageEncrypted: false },
      },
    ],
  },
  'an unencrypted cluster fails and its members are judged through it': {
    facts: dataFacts({
      'eu-west-1': {
        instances: [rdsInstance('ledger-1', { clusterId: 'ledger', storageEncrypted: false })],
        clusters: [rdsCluster('ledger', { storageEncrypted: false, members: ['ledger-1'] })],
      },
    }),
    results: [
      { resource: rdsCluster('ledger').arn, status: 'fail', messageId: 'notEncrypted' },
      { resource: rdsInstance('ledger-1').arn, status: 'not_applicable', messageId: 'clusterMember', observed: { clusterId: 'ledger' } },
    ],
  },
  'no database in any region is not applicable': {
    facts: dataFacts({ 'eu-west-1': { instances: [], clusters: [] }, 'us-east-1': { instances: [], clusters: [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noDatabases' }],
  },
  'a denied listing errors that region, naming the action': {
    facts: dataFacts({
      'eu-west-1': { instances: denied('rds:DescribeDBInstances'), clusters: [] },
      'us-east-1': { instances: [rdsInstance('us', {}, 'us-east-1')], clusters: [] },
    }),
    results: [
      {
        resource: 'arn:aws:rds:eu-west-1:123456789012:db:*',
        status: 'error',
        messageId: 'notCollected',
        message: 'rds:DescribeDBInstances',
      },
      { resource: rdsInstance('us', {}, 'us-east-1').arn, status: 'pass', messageId: 'encrypted' },
    ],
  },
});
