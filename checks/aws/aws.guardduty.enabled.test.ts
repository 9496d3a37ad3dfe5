import { checkTester } from '../../src/testing/check-tester.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import { detector, finding, guarddutyFacts } from '../../test/support/aws/monitoring-facts.js';
import check from './aws.guardduty.enabled.js';

const at = (region: string) => `arn:aws:guardduty:${region}:123456789012:detector/*`;
const NOW = new Date('2026-06-01T00:00:00Z');

checkTester(check, { target: TARGET, now: NOW }).run({
  'an enabled detector without old high findings passes': {
    facts: guarddutyFacts({ 'eu-west-1': [detector('d1')] }, { d1: [finding('recent', '2026-05-20T00:00:00Z')] }),
    results: [
      {
        resource: at('eu-west-1'),
        status: 'pass',
        messageId: 'watching',
        observed: { detectorId: 'd1', highFindings: 1, staleFindings: 0 },
      },
    ],
  },
  'a region without a detector (GuardDuty not enabled) fails': {
    facts: guarddutyFacts({ 'eu-west-1': [detector('d1')], 'us-east-1': [] }),
    results: [
      { resource: at('eu-west-1'), status: 'pass', messageId: 'watching' },
      { resource: at('us-east-1'), status: 'fail', messageId: 'notEnabled', message: 'not enabled in us-east-1' },
    ],
  },
  'a suspended detector fails': {
    facts: guarddutyFacts({ 'eu-west-1': [detector('d1', 'SUSPENDED')] }),
    results: [{ resource: at('eu-west-1'), status: 'fail', messageId: 'suspended', message: 'SUSPENDED' }],
  },
  'high findings older than 30 days fail with their count': {
    facts: guarddutyFacts(
      { 'eu-west-1': [detector('d1')] },
      {
        d1: [finding('old', '2026-03-01T00:00:00Z'), finding('older', '2025-12-01T00:00:00Z', 9.5), finding('new', '2026-05-30T00:00:00Z')],
      },
    ),
    results: [
      {
        resource: at('eu-west-1'),
        status: 'fail',
        messageId: 'staleFindings',
        message: '2 high-severity findings in eu-west-1 are older than 30 days',
        observed: { highFindings: 3, stale: [{ id: 'old' }, { id: 'older', severity: 9.5 }] },
      },
    ],
  },
  'maxFindingAgeDays comes from the settings': {
    facts: guarddutyFacts({ 'eu-west-1': [detector('d1')] }, { d1: [finding('old', '2026-03-01T00:00:00Z')] }),
    settings: { maxFindingAgeDays: 120 },
    results: [{ resource: at('eu-west-1'), status: 'pass', messageId: 'watching', observed: { maxFindingAgeDays: 120 } }],
  },
  'a denied listing errors that region only, naming the action': {
    facts: guarddutyFacts({ 'eu-west-1': denied('guardduty:ListDetectors'), 'us-east-1': [detector('d2')] }),
    results: [
      { resource: at('eu-west-1'), status: 'error', messageId: 'notCollected', message: 'guardduty:ListDetectors' },
      { resource: at('us-east-1'), status: 'pass', messageId: 'watching' },
    ],
  },
  'denied findings are an error naming the action': {
    facts: guarddutyFacts({ 'eu-west-1': [detector('d1')] }, { d1: denied('guardduty:ListFindings') }),
    results: [{ resource: at('eu-west-1'), status: 'error', messageId: 'notCollected', message: 'guardduty:ListFindings' }],
  },
});
