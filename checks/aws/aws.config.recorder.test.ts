import { checkTester } from '../../src/testing/check-tester.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import { configFacts, RECORDING, recorder } from '../../test/support/aws/monitoring-facts.js';
import check from './aws.config.recorder.js';

const at = (region: string) => `arn:aws:config:${region}:123456789012:configuration-recorder/*`;
const eu = at('eu-west-1');

checkTester(check, { target: TARGET }).run({
  'a recorder of every supported type that records and delivers passes': {
    facts: configFacts({ 'eu-west-1': [recorder()] }),
    results: [
      { resource: eu, status: 'pass', messageId: 'recording', observed: { scope: 'all supported resource types', recording: true } },
    ],
  },
  'a region without a recorder (Config not enabled) fails': {
    facts: configFacts({ 'eu-west-1': [recorder()], 'us-east-1': [] }),
    results: [
      { resource: eu, status: 'pass', messageId: 'recording' },
      { resource: at('us-east-1'), status: 'fail', messageId: 'notEnabled', message: 'not enabled in us-east-1' },
    ],
  },
  'exclusions and inclusions fall short of every type': {
    facts: configFacts({
      'eu-west-1': [
        recorder({ allSupported: false, strategy: 'EXCLUSION_BY_RESOURCE_TYPES', excludedResourceTypes: ['AWS::EC2::Volume'] }),
      ],
      'us-east-1': [recorder({ allSupported: false, strategy: null, resourceTypes: ['AWS::S3::Bucket'] })],
    }),
    results: [
      { resource: eu, status: 'fail', messageId: 'incomplete', message: 'excludes AWS::EC2::Volume' },
      { resource: at('us-east-1'), status: 'fail', messageId: 'incomplete', message: 'records only AWS::S3::Bucket' },
    ],
  },
  'with resourceTypes set, only those must be recorded': {
    facts: configFacts({
      'eu-west-1': [
        recorder({ allSupported: false, strategy: 'EXCLUSION_BY_RESOURCE_TYPES', excludedResourceTypes: ['AWS::EC2::Volume'] }),
      ],
      'us-east-1': [recorder({ allSupported: false, strategy: 'INCLUSION_BY_RESOURCE_TYPES', resourceTypes: ['AWS::S3::Bucket'] })],
    }),
    settings: { resourceTypes: ['AWS::S3::Bucket', 'AWS::IAM::Role'] },
    results: [
      { resource: eu, status: 'pass', messageId: 'recording', observed: { scope: 'AWS::S3::Bucket, AWS::IAM::Role' } },
      { resource: at('us-east-1'), status: 'fail', messageId: 'incomplete', message: 'does not record AWS::IAM::Role' },
    ],
  },
  'a stopped recorder and a failed delivery fail': {
    facts: configFacts(
      { 'eu-west-1': [recorder()], 'us-east-1': [recorder()] },
      {
        status: { 'eu-west-1': [{ ...RECORDING[0]!, recording: false }] },
        delivery: { 'us-east-1': [{ name: 'default', historyStatus: 'Failure', historyError: 'NoSuchBucket' }] },
      },
    ),
    results: [
      { resource: eu, status: 'fail', messageId: 'incomplete', observed: { problems: ['not recording'] } },
      { resource: at('us-east-1'), status: 'fail', messageId: 'incomplete', observed: { problems: ['delivery failed (NoSuchBucket)'] } },
    ],
  },
  'a recorder without a delivery channel fails': {
    facts: configFacts({ 'eu-west-1': [recorder()] }, { delivery: { 'eu-west-1': [] } }),
    results: [{ resource: eu, status: 'fail', messageId: 'incomplete', message: 'no delivery channel' }],
  },
  'a denied describe is an error naming the action': {
    facts: configFacts({ 'eu-west-1': denied('config:DescribeConfigurationRecorders') }),
    results: [{ resource: eu, status: 'error', messageId: 'notCollected', message: 'config:DescribeConfigurationRecorders' }],
  },
});
