import { checkTester } from '../../src/testing/check-tester.js';
import { ec2Facts, snapshot } from '../../test/support/aws/ec2-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.ebs.snapshot-public.js';

const arn = (id: string, region = 'eu-west-1') => `arn:aws:ec2:${region}::snapshot/${id}`;

checkTester(check, { target: TARGET }).run({
  'a private snapshot passes; one restorable by all fails': {
    facts: ec2Facts({ snapshots: { 'eu-west-1': [snapshot('snap-1'), snapshot('snap-2', { public: true, encrypted: false })] } }),
    results: [
      { resource: arn('snap-1'), status: 'pass', messageId: 'private' },
      { resource: arn('snap-2'), status: 'fail', messageId: 'public', message: 'encrypted: false', observed: { volumeId: 'vol-1' } },
    ],
  },
  'no snapshots anywhere is not applicable': {
    facts: ec2Facts({ snapshots: { 'eu-west-1': [], 'us-east-1': [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noSnapshots' }],
  },
  'a denied listing errors its region, naming the action': {
    facts: ec2Facts({ snapshots: { 'eu-west-1': denied('ec2:DescribeSnapshots') } }),
    results: [{ resource: arn('*'), status: 'error', messageId: 'notCollected', message: 'ec2:DescribeSnapshots' }],
  },
});
