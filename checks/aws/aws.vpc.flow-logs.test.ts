import { checkTester } from '../../src/testing/check-tester.js';
import { ec2Facts, flowLog, vpc } from '../../test/support/aws/ec2-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.vpc.flow-logs.js';

const arn = (id: string, region = 'eu-west-1') => `arn:aws:ec2:${region}:123456789012:vpc/${id}`;

checkTester(check, { target: TARGET }).run({
  'an active, delivering flow log on the VPC passes, whatever its traffic type': {
    facts: ec2Facts({
      vpcs: { 'eu-west-1': [vpc('vpc-1')] },
      flowLogs: { 'eu-west-1': [flowLog('fl-1', 'vpc-1', { trafficType: 'REJECT' })] },
    }),
    results: [{ resource: arn('vpc-1'), status: 'pass', messageId: 'active', message: 'fl-1, traffic REJECT' }],
  },
  'no flow log, or one only on a subnet, fails': {
    facts: ec2Facts({
      vpcs: { 'eu-west-1': [vpc('vpc-1'), vpc('vpc-2', { isDefault: true })] },
      flowLogs: { 'eu-west-1': [flowLog('fl-sub', 'subnet-1')] },
    }),
    results: [
      { resource: arn('vpc-1'), status: 'fail', messageId: 'none' },
      { resource: arn('vpc-2'), status: 'fail', messageId: 'none', observed: { isDefault: true } },
    ],
  },
  'a flow log whose delivery FAILED fails with the error': {
    facts: ec2Facts({
      vpcs: { 'eu-west-1': [vpc('vpc-1')] },
      flowLogs: { 'eu-west-1': [flowLog('fl-1', 'vpc-1', { deliverLogsStatus: 'FAILED', deliverLogsErrorMessage: 'Access error' })] },
    }),
    results: [{ resource: arn('vpc-1'), status: 'fail', messageId: 'notDelivering', message: 'fl-1: Access error' }],
  },
  'no VPCs anywhere is not applicable': {
    facts: ec2Facts({ vpcs: { 'eu-west-1': [], 'us-east-1': [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noVpcs' }],
  },
  'denied listings error the region or the VPC, naming the action': {
    facts: ec2Facts({
      vpcs: { 'eu-west-1': [vpc('vpc-1')], 'us-east-1': denied('ec2:DescribeVpcs') },
      flowLogs: { 'eu-west-1': denied('ec2:DescribeFlowLogs') },
    }),
    results: [
      { resource: arn('vpc-1'), status: 'error', messageId: 'notCollected', message: 'ec2:DescribeFlowLogs' },
      { resource: arn('*', 'us-east-1'), status: 'error', messageId: 'notCollected', message: 'ec2:DescribeVpcs' },
    ],
  },
});
