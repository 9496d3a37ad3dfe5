import { checkTester } from '../../src/testing/check-tester.js';
import { ec2Facts, instance } from '../../test/support/aws/ec2-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.ec2.imdsv2.js';

const arn = (id: string, region = 'eu-west-1') => `arn:aws:ec2:${region}:123456789012:instance/${id}`;

checkTester(check, { target: TARGET }).run({
  'HttpTokens required passes; optional fails, also on a stopped instance': {
    facts: ec2Facts({
      instances: {
        'eu-west-1': [
          instance('i-v2'),
          instance('i-v1', { httpTokens: 'optional' }),
          instance('i-stopped', { httpTokens: 'optional', state: 'stopped', metadataState: 'pending' }),
        ],
      },
    }),
    results: [
      { resource: arn('i-v2'), status: 'pass', messageId: 'required', observed: { httpTokens: 'required' } },
      { resource: arn('i-v1'), status: 'fail', messageId: 'optional', message: 'HttpTokens optional' },
      { resource: arn('i-stopped'), status: 'fail', messageId: 'optional', observed: { state: 'stopped', metadataState: 'pending' } },
    ],
  },
  'a disabled metadata endpoint passes whatever HttpTokens says': {
    facts: ec2Facts({ instances: { 'eu-west-1': [instance('i-off', { httpTokens: 'optional', httpEndpoint: 'disabled' })] } }),
    results: [{ resource: arn('i-off'), status: 'pass', messageId: 'endpointDisabled' }],
  },
  'terminated and shutting-down instances are not applicable, with their state': {
    facts: ec2Facts({
      instances: {
        'eu-west-1': [instance('i-t', { state: 'terminated', httpTokens: 'optional' }), instance('i-s', { state: 'shutting-down' })],
      },
    }),
    results: [
      { resource: arn('i-t'), status: 'not_applicable', messageId: 'gone', message: 'is terminated' },
      { resource: arn('i-s'), status: 'not_applicable', messageId: 'gone', message: 'is shutting-down' },
    ],
  },
  'an instance without metadata options is missing data, not a pass': {
    facts: ec2Facts({ instances: { 'eu-west-1': [instance('i-x', { httpTokens: null, httpEndpoint: null })] } }),
    results: [{ resource: arn('i-x'), status: 'error', messageId: 'missingData', message: 'HttpTokens' }],
  },
  'no instances anywhere is not applicable': {
    facts: ec2Facts({ instances: { 'eu-west-1': [], 'us-east-1': [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noInstances' }],
  },
  'a denied listing errors its region, naming the action': {
    facts: ec2Facts({ instances: { 'eu-west-1': [instance('i-v2')], 'us-east-1': denied('ec2:DescribeInstances') } }),
    results: [
      { resource: arn('i-v2'), status: 'pass', messageId: 'required' },
      { resource: arn('*', 'us-east-1'), status: 'error', messageId: 'notCollected', message: 'ec2:DescribeInstances' },
    ],
  },
});
