import { checkTester } from '../../src/testing/check-tester.js';
import { ec2Facts, volume } from '../../test/support/aws/ec2-facts.js';
import { denied, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.ebs.volume-encryption.js';

const arn = (id: string, region = 'eu-west-1') => `arn:aws:ec2:${region}:123456789012:volume/${id}`;

checkTester(check, { target: TARGET }).run({
  'an encrypted volume passes with its key; an unencrypted one fails, attached or not': {
    facts: ec2Facts({
      volumes: {
        'eu-west-1': [
          volume('vol-enc'),
          volume('vol-plain', { encrypted: false, kmsKeyId: null }),
          volume('vol-spare', { encrypted: false, kmsKeyId: null, state: 'available', attachments: [] }),
        ],
      },
    }),
    results: [
      { resource: arn('vol-enc'), status: 'pass', messageId: 'encrypted', message: 'key/k1', observed: { attachedTo: ['i-1'] } },
      { resource: arn('vol-plain'), status: 'fail', messageId: 'unencrypted', message: '(in-use)' },
      { resource: arn('vol-spare'), status: 'fail', messageId: 'unencrypted', observed: { state: 'available', attachedTo: [] } },
    ],
  },
  'no volumes anywhere is not applicable': {
    facts: ec2Facts({ volumes: { 'eu-west-1': [] } }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noVolumes' }],
  },
  'a denied listing errors its region, naming the action': {
    facts: ec2Facts({ volumes: { 'eu-west-1': denied('ec2:DescribeVolumes') } }),
    results: [{ resource: arn('*'), status: 'error', messageId: 'notCollected', message: 'ec2:DescribeVolumes' }],
  },
});
