import { checkTester } from '../../src/testing/check-tester.js';
import { ec2Facts } from '../../test/support/aws/ec2-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.ebs.encryption-by-default.js';

const all = (region: string) => `arn:aws:ec2:${region}:123456789012:volume/*`;
const setting = (region: string, enabled: boolean) => ({ region, enabled, sseType: 'sse-ebs' });

checkTester(check, { target: TARGET }).run({
  'on in one region passes there; off in another fails there': {
    facts: ec2Facts({ encryptionByDefault: { 'eu-west-1': setting('eu-west-1', true), 'us-east-1': setting('us-east-1', false) } }),
    results: [
      { resource: all('eu-west-1'), status: 'pass', messageId: 'on', observed: { enabled: true } },
      { resource: all('us-east-1'), status: 'fail', messageId: 'off', message: 'off in us-east-1' },
    ],
  },
  'a denied read errors that region, naming the action': {
    facts: ec2Facts({ encryptionByDefault: { 'eu-west-1': denied('ec2:GetEbsEncryptionByDefault') } }),
    results: [{ resource: all('eu-west-1'), status: 'error', messageId: 'notCollected', message: 'ec2:GetEbsEncryptionByDefault' }],
  },
});
