import { checkTester } from '../../src/testing/check-tester.js';
import { dataFacts, pitr, tableArn } from '../../test/support/aws/data-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.dynamodb.point-in-time-recovery.js';

checkTester(check, { target: TARGET }).run({
  'a table with PITR passes with its period; one without fails': {
    facts: dataFacts({
      'eu-west-1': { tables: ['orders', 'sessions'], pitr: { orders: pitr('ENABLED', 14), sessions: pitr('DISABLED') } },
    }),
    results: [
      { resource: tableArn('orders'), status: 'pass', messageId: 'enabled', observed: { recoveryPeriodInDays: 14 } },
      { resource: tableArn('sessions'), status: 'fail', messageId: 'disabled', observed: { pointInTimeRecoveryStatus: 'DISABLED' } },
    ],
  },
  'an answer without a point-in-time recovery description fails; PITR without a period reads as 35 days': {
    facts: dataFacts({ 'eu-west-1': { tables: ['bare', 'default'], pitr: { bare: pitr(null), default: pitr('ENABLED', null) } } }),
    results: [
      { resource: tableArn('bare'), status: 'fail', messageId: 'disabled', observed: { pointInTimeRecoveryStatus: 'none reported' } },
      { resource: tableArn('default'), status: 'pass', messageId: 'enabled', observed: { recoveryPeriodInDays: 35 } },
    ],
  },
  'no table in any region is not applicable': {
    facts: dataFacts({ 'eu-west-1': { tables: [] }, 'us-east-1': { tables: [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noTables' }],
  },
  'a denied read errors that table; a denied listing errors the region': {
    facts: dataFacts({
      'eu-west-1': { tables: ['t'], pitr: { t: denied('dynamodb:DescribeContinuousBackups') } },
      'us-east-1': { tables: denied('dynamodb:ListTables') },
    }),
    results: [
      { resource: tableArn('t'), status: 'error', messageId: 'notCollected', message: 'dynamodb:DescribeContinuousBackups' },
      {
        resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/*',
        status: 'error',
        messageId: 'notCollected',
        message: 'dynamodb:ListTables',
      },
    ],
  },
});
