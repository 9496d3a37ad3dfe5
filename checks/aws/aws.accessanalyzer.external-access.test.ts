import { checkTester } from '../../src/testing/check-tester.js';
import { analyzer, dataFacts } from '../../test/support/aws/data-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.accessanalyzer.external-access.js';

const region = (r: string) => `arn:aws:access-analyzer:${r}:123456789012:analyzer/*`;
const finding = (id: string, resource: string, isPublic = false) => ({ id, resource, resourceType: 'AWS::S3::Bucket', isPublic });

checkTester(check, { target: TARGET }).run({
  'an active account analyzer without active findings passes': {
    facts: dataFacts({ 'eu-west-1': { analyzers: [analyzer('main')], analyzerFindings: { [analyzer('main').arn]: [] } } }),
    results: [
      { resource: region('eu-west-1'), status: 'pass', messageId: 'noExternalAccess', observed: { analyzers: ['main (ACCOUNT)'] } },
    ],
  },
  'an organisation analyzer counts; active findings fail, counted once per resource': {
    facts: dataFacts({
      'eu-west-1': {
        analyzers: [analyzer('main'), analyzer('org', { type: 'ORGANIZATION' })],
        analyzerFindings: {
          [analyzer('main').arn]: [finding('1', 'arn:aws:s3:::shared', true)],
          [analyzer('org').arn]: [finding('2', 'arn:aws:s3:::shared', true), finding('3', 'arn:aws:iam::123456789012:role/partner')],
        },
      },
    }),
    results: [
      { resource: region('eu-west-1'), status: 'fail', messageId: 'externalAccess', observed: { findingCount: 2, publicCount: 1 } },
    ],
  },
  'a region without an active account or organisation analyzer fails, whatever else it has': {
    facts: dataFacts({
      'eu-west-1': { analyzers: [] },
      'us-east-1': {
        analyzers: [
          analyzer('unused', { type: 'ACCOUNT_UNUSED_ACCESS' }, 'us-east-1'),
          analyzer('broken', { status: 'FAILED' }, 'us-east-1'),
        ],
      },
    }),
    results: [
      { resource: region('eu-west-1'), status: 'fail', messageId: 'noAnalyzer', observed: { analyzersSeen: [] } },
      {
        resource: region('us-east-1'),
        status: 'fail',
        messageId: 'noAnalyzer',
        observed: { analyzersSeen: ['unused (ACCOUNT_UNUSED_ACCESS, ACTIVE)', 'broken (ACCOUNT, FAILED)'] },
      },
    ],
  },
  'a denied read errors that region, naming the action': {
    facts: dataFacts({
      'eu-west-1': { analyzers: denied('access-analyzer:ListAnalyzers') },
      'us-east-1': {
        analyzers: [analyzer('main', {}, 'us-east-1')],
        analyzerFindings: { [analyzer('main', {}, 'us-east-1').arn]: denied('access-analyzer:ListFindings') },
      },
    }),
    results: [
      { resource: region('eu-west-1'), status: 'error', messageId: 'notCollected', message: 'access-analyzer:ListAnalyzers' },
      { resource: region('us-east-1'), status: 'error', messageId: 'notCollected', message: 'access-analyzer:ListFindings' },
    ],
  },
});
