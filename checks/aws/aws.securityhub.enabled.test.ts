import { checkTester } from '../../src/testing/check-tester.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import { FSBP, hub, securityhubFacts } from '../../test/support/aws/monitoring-facts.js';
import check from './aws.securityhub.enabled.js';

const at = (region: string) => `arn:aws:securityhub:${region}:123456789012:hub/default`;
const CIS = 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0';

checkTester(check, { target: TARGET }).run({
  'a hub with a ready standard passes': {
    facts: securityhubFacts({ 'eu-west-1': hub('eu-west-1') }, { 'eu-west-1': [{ standardsArn: FSBP, status: 'READY' }] }),
    results: [{ resource: at('eu-west-1'), status: 'pass', messageId: 'enabled', observed: { standards: [FSBP] } }],
  },
  'a region not subscribed to Security Hub fails': {
    facts: securityhubFacts(
      { 'eu-west-1': hub('eu-west-1'), 'us-east-1': null },
      { 'eu-west-1': [{ standardsArn: FSBP, status: 'READY' }] },
    ),
    results: [
      { resource: at('eu-west-1'), status: 'pass', messageId: 'enabled' },
      { resource: at('us-east-1'), status: 'fail', messageId: 'notEnabled', observed: { hub: null } },
    ],
  },
  'a hub without a ready standard fails, listing what it has': {
    facts: securityhubFacts(
      { 'eu-west-1': hub('eu-west-1'), 'us-east-1': hub('us-east-1') },
      { 'eu-west-1': [], 'us-east-1': [{ standardsArn: CIS, status: 'INCOMPLETE' }] },
    ),
    results: [
      { resource: at('eu-west-1'), status: 'fail', messageId: 'noStandard', message: 'subscriptions: none' },
      { resource: at('us-east-1'), status: 'fail', messageId: 'noStandard', message: `${CIS} INCOMPLETE` },
    ],
  },
  'a denied DescribeHub is an error naming the action': {
    facts: securityhubFacts({ 'eu-west-1': denied('securityhub:DescribeHub') }),
    results: [{ resource: at('eu-west-1'), status: 'error', messageId: 'notCollected', message: 'securityhub:DescribeHub' }],
  },
  'denied standards are an error naming the action': {
    facts: securityhubFacts({ 'eu-west-1': hub('eu-west-1') }, { 'eu-west-1': denied('securityhub:GetEnabledStandards') }),
    results: [{ resource: at('eu-west-1'), status: 'error', messageId: 'notCollected', message: 'securityhub:GetEnabledStandards' }],
  },
});
