import { checkTester } from '../../src/testing/check-tester.js';
import { defaultGroup, ec2Facts, sgRule } from '../../test/support/aws/ec2-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.ec2.default-security-group.js';

const sg = (id: string, region = 'eu-west-1') => `arn:aws:ec2:${region}:123456789012:security-group/${id}`;

checkTester(check, { target: TARGET }).run({
  'a default group without rules passes; one with the rules EC2 creates fails with their counts': {
    facts: ec2Facts({
      defaultSecurityGroups: { 'eu-west-1': [defaultGroup('sg-empty', 'vpc-1'), defaultGroup('sg-stock', 'vpc-2')] },
      securityGroupRules: {
        'eu-west-1': [
          sgRule('sgr-1', 'sg-stock', { ipProtocol: '-1', cidrIpv4: null, referencedGroupId: 'sg-stock' }),
          sgRule('sgr-2', 'sg-stock', { isEgress: true, ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' }),
          sgRule('sgr-3', 'sg-other', { cidrIpv4: '0.0.0.0/0' }),
        ],
      },
    }),
    results: [
      { resource: sg('sg-empty'), status: 'pass', messageId: 'empty', observed: { vpcId: 'vpc-1', ingressRules: 0, egressRules: 0 } },
      { resource: sg('sg-stock'), status: 'fail', messageId: 'hasRules', message: 'has 1 inbound and 1 outbound rules' },
    ],
  },
  'an egress rule alone fails': {
    facts: ec2Facts({
      defaultSecurityGroups: { 'eu-west-1': [defaultGroup('sg-d')] },
      securityGroupRules: { 'eu-west-1': [sgRule('sgr-1', 'sg-d', { isEgress: true })] },
    }),
    results: [{ resource: sg('sg-d'), status: 'fail', messageId: 'hasRules', observed: { ingressRules: 0, egressRules: 1 } }],
  },
  'no default group in any region (no VPCs) is not applicable': {
    facts: ec2Facts({ defaultSecurityGroups: { 'eu-west-1': [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noDefaultGroups' }],
  },
  'denied listings error the region or the group': {
    facts: ec2Facts({
      defaultSecurityGroups: { 'eu-west-1': [defaultGroup('sg-d')], 'us-east-1': denied('ec2:DescribeSecurityGroups') },
      securityGroupRules: { 'eu-west-1': denied('ec2:DescribeSecurityGroupRules') },
    }),
    results: [
      { resource: sg('sg-d'), status: 'error', messageId: 'notCollected', message: 'ec2:DescribeSecurityGroupRules' },
      { resource: sg('*', 'us-east-1'), status: 'error', messageId: 'notCollected', message: 'ec2:DescribeSecurityGroups' },
    ],
  },
});
