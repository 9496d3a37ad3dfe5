import { checkTester } from '../../src/testing/check-tester.js';
import { ec2Facts, nic, sgRule } from '../../test/support/aws/ec2-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.ec2.security-group-ingress.js';

const sg = (id: string, region = 'eu-west-1') => `arn:aws:ec2:${region}:123456789012:security-group/${id}`;
const world = { cidrIpv4: '0.0.0.0/0' };

checkTester(check, { target: TARGET }).run({
  'a group admitting the internet only to 443 passes; rules from private ranges, groups and prefix lists are not the internet': {
    facts: ec2Facts({
      securityGroupRules: {
        'eu-west-1': [
          sgRule('sgr-1', 'sg-web', world),
          sgRule('sgr-2', 'sg-web', { fromPort: 22, toPort: 22 }),
          sgRule('sgr-3', 'sg-web', { ipProtocol: '-1', fromPort: -1, toPort: -1, cidrIpv4: null, referencedGroupId: 'sg-app' }),
          sgRule('sgr-4', 'sg-web', { fromPort: 5432, toPort: 5432, cidrIpv4: null, prefixListId: 'pl-1' }),
          sgRule('sgr-5', 'sg-web', { ipProtocol: 'icmp', fromPort: -1, toPort: -1, ...world }),
          sgRule('sgr-6', 'sg-web', { isEgress: true, ipProtocol: '-1', fromPort: -1, toPort: -1, ...world }),
        ],
      },
    }),
    results: [{ resource: sg('sg-web'), status: 'pass', messageId: 'closed', message: '22, 3389, 5432', observed: { groupId: 'sg-web' } }],
  },
  'SSH from ::/0, a range over 3389 and all traffic from 0.0.0.0/0 fail, naming the rules and what holds the group': {
    facts: ec2Facts({
      securityGroupRules: {
        'eu-west-1': [
          sgRule('sgr-ssh', 'sg-a', { fromPort: 22, toPort: 22, cidrIpv4: null, cidrIpv6: '::/0' }),
          sgRule('sgr-rdp', 'sg-a', { fromPort: 3000, toPort: 4000, ...world }),
          sgRule('sgr-all', 'sg-b', { ipProtocol: '-1', fromPort: -1, toPort: -1, ...world }),
          sgRule('sgr-udp', 'sg-c', { ipProtocol: '17', fromPort: 0, toPort: 65535, ...world }),
        ],
      },
      networkInterfaces: { 'eu-west-1': [nic('eni-1', ['sg-a'], 'i-1'), nic('eni-2', ['sg-a', 'sg-x'])] },
    }),
    results: [
      {
        resource: sg('sg-a'),
        status: 'fail',
        messageId: 'open',
        message: 'allows sgr-ssh tcp 22 from ::/0, sgr-rdp tcp 3000-4000 from 0.0.0.0/0; attached to i-1, eni-2',
        observed: { attachedTo: ['i-1', 'eni-2'] },
      },
      {
        resource: sg('sg-b'),
        status: 'fail',
        messageId: 'open',
        message: 'sgr-all all traffic from 0.0.0.0/0; attached to no network interface',
      },
      { resource: sg('sg-c'), status: 'fail', messageId: 'open', message: 'sgr-udp udp 0-65535' },
    ],
  },
  'the ports setting replaces the watched list': {
    facts: ec2Facts({
      securityGroupRules: { 'eu-west-1': [sgRule('sgr-1', 'sg-a', { fromPort: 22, toPort: 22, ...world })] },
      networkInterfaces: { 'eu-west-1': [] },
    }),
    settings: { ports: [8080] },
    results: [{ resource: sg('sg-a'), status: 'pass', messageId: 'closed', message: 'on 8080' }],
  },
  'no security group in any region is not applicable': {
    facts: ec2Facts({ securityGroupRules: { 'eu-west-1': [], 'us-east-1': [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noGroups' }],
  },
  'a denied rule listing errors its region; a denied interface listing errors the open group': {
    facts: ec2Facts({
      securityGroupRules: {
        'eu-west-1': [sgRule('sgr-1', 'sg-a', { fromPort: 22, toPort: 22, ...world })],
        'us-east-1': denied('ec2:DescribeSecurityGroupRules'),
      },
      networkInterfaces: { 'eu-west-1': denied('ec2:DescribeNetworkInterfaces') },
    }),
    results: [
      { resource: sg('sg-a'), status: 'error', messageId: 'notCollected', message: 'ec2:DescribeNetworkInterfaces' },
      { resource: sg('*', 'us-east-1'), status: 'error', messageId: 'notCollected', message: 'ec2:DescribeSecurityGroupRules' },
    ],
  },
});
