import { checkTester } from '../../src/testing/check-tester.js';
import { dataFacts, ec2Instance } from '../../test/support/aws/data-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.ssm.patch-compliance.js';

const node = (id: string) => ({
  id,
  pingStatus: 'Online',
  resourceType: id.startsWith('mi-') ? 'ManagedInstance' : 'EC2Instance',
  platform: 'Linux',
});
const patch = (resourceId: string, status: string, nonCompliantCount = 0) => ({
  resourceId,
  status,
  overallSeverity: status === 'COMPLIANT' ? 'UNSPECIFIED' : 'CRITICAL',
  nonCompliantCount,
  executionTime: '2026-06-01T00:00:00.000Z',
});
const ec2 = (id: string, r = 'eu-west-1') => `arn:aws:ec2:${r}:123456789012:instance/${id}`;

checkTester(check, { target: TARGET }).run({
  'a compliant node passes, a non-compliant one fails with its count, one never scanned fails': {
    facts: dataFacts({
      'eu-west-1': {
        nodes: [node('i-0a'), node('i-0b'), node('mi-0c')],
        patchCompliance: [patch('i-0a', 'COMPLIANT'), patch('i-0b', 'NON_COMPLIANT', 4)],
        ec2Instances: [ec2Instance('i-0a'), ec2Instance('i-0b')],
      },
    }),
    results: [
      { resource: ec2('i-0a'), status: 'pass', messageId: 'compliant' },
      { resource: ec2('i-0b'), status: 'fail', messageId: 'nonCompliant', observed: { nonCompliantCount: 4, overallSeverity: 'CRITICAL' } },
      { resource: 'arn:aws:ssm:eu-west-1:123456789012:managed-instance/mi-0c', status: 'fail', messageId: 'noPatchData' },
    ],
  },
  'an EC2 instance Systems Manager does not manage fails; terminated ones are left out': {
    facts: dataFacts({
      'eu-west-1': {
        nodes: [node('i-0a')],
        patchCompliance: [patch('i-0a', 'COMPLIANT')],
        ec2Instances: [ec2Instance('i-0a'), ec2Instance('i-0d', 'stopped'), ec2Instance('i-0e', 'terminated')],
      },
    }),
    results: [
      { resource: ec2('i-0a'), status: 'pass', messageId: 'compliant' },
      { resource: ec2('i-0d'), status: 'fail', messageId: 'notManaged', observed: { state: 'stopped' } },
    ],
  },
  'no managed node and no instance in any region is not applicable': {
    facts: dataFacts({
      'eu-west-1': { nodes: [], patchCompliance: [], ec2Instances: [ec2Instance('i-0e', 'terminated')] },
      'us-east-1': { nodes: [], patchCompliance: [], ec2Instances: [] },
    }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noInstances' }],
  },
  'a denied compliance listing errors the region, naming the action': {
    facts: dataFacts({
      'eu-west-1': { nodes: [node('i-0a')], patchCompliance: denied('ssm:ListResourceComplianceSummaries'), ec2Instances: [] },
      'us-east-1': { nodes: [], patchCompliance: [], ec2Instances: denied('ec2:DescribeInstances') },
    }),
    results: [
      {
        resource: 'arn:aws:ssm:eu-west-1:123456789012:managed-instance/*',
        status: 'error',
        messageId: 'notCollected',
        message: 'ssm:ListResourceComplianceSummaries',
      },
      {
        resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*',
        status: 'error',
        messageId: 'notCollected',
        message: 'ec2:DescribeInstances',
      },
    ],
  },
});
