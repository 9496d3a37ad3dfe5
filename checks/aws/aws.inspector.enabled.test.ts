import { checkTester } from '../../src/testing/check-tester.js';
import { dataFacts } from '../../test/support/aws/data-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.inspector.enabled.js';

const now = new Date('2026-06-10T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
const on = { status: 'ENABLED', ec2: 'ENABLED', ecr: 'ENABLED', lambda: 'ENABLED' };
const finding = (id: string, d: number) => ({
  arn: `arn:aws:inspector2:eu-west-1:123456789012:finding/${id}`,
  title: 'CVE',
  firstObservedAt: daysAgo(d),
});
const region = (r: string) => `arn:aws:inspector2:${r}:123456789012:*`;

checkTester(check, { target: TARGET, now }).run({
  'enabled with every scan type and only recent critical findings passes': {
    facts: dataFacts({ 'eu-west-1': { inspector: on, criticalFindings: [finding('a', 3)] } }),
    results: [
      { resource: region('eu-west-1'), status: 'pass', messageId: 'scanning', observed: { criticalCount: 1, oldCriticalCount: 0 } },
    ],
  },
  'critical findings older than the limit fail the region with their count': {
    facts: dataFacts({ 'eu-west-1': { inspector: on, criticalFindings: [finding('a', 3), finding('b', 45), finding('c', 90)] } }),
    results: [
      {
        resource: region('eu-west-1'),
        status: 'fail',
        messageId: 'oldCriticalFindings',
        observed: { oldCriticalCount: 2, criticalCount: 3 },
      },
    ],
  },
  'maxCriticalAgeDays comes from the settings': {
    facts: dataFacts({ 'eu-west-1': { inspector: on, criticalFindings: [finding('a', 3)] } }),
    settings: { maxCriticalAgeDays: 2 },
    results: [{ resource: region('eu-west-1'), status: 'fail', messageId: 'oldCriticalFindings', message: 'older than 2 days' }],
  },
  'a region where Inspector was never enabled fails as DISABLED; a missing scan type fails': {
    facts: dataFacts({
      'eu-west-1': { inspector: { status: 'DISABLED', ec2: 'DISABLED', ecr: 'DISABLED', lambda: null } },
      'us-east-1': { inspector: { ...on, lambda: null, ecr: 'DISABLED' } },
    }),
    results: [
      { resource: region('eu-west-1'), status: 'fail', messageId: 'notEnabled', message: 'is DISABLED in eu-west-1' },
      { resource: region('us-east-1'), status: 'fail', messageId: 'scanTypesOff', observed: { notScanning: ['ecr', 'lambda'] } },
    ],
  },
  'a denied status read errors that region, naming the action': {
    facts: dataFacts({
      'eu-west-1': { inspector: denied('inspector2:BatchGetAccountStatus') },
      'us-east-1': { inspector: on, criticalFindings: denied('inspector2:ListFindings') },
    }),
    results: [
      { resource: region('eu-west-1'), status: 'error', messageId: 'notCollected', message: 'inspector2:BatchGetAccountStatus' },
      { resource: region('us-east-1'), status: 'error', messageId: 'notCollected', message: 'inspector2:ListFindings' },
    ],
  },
});
