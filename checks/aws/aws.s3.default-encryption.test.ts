import { checkTester } from '../../src/testing/check-tester.js';
import { denied, s3Facts, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.s3.default-encryption.js';

const rule = (algorithm: string, kmsKeyId: string | null = null) => ({ rules: [{ algorithm, kmsKeyId, bucketKeyEnabled: null }] });

checkTester(check, { target: TARGET }).run({
  'AES-256 and KMS pass; none or another algorithm fail; an unreadable bucket is an error alone': {
    facts: s3Facts({
      'sse-s3': { encryption: rule('AES256') },
      'sse-kms': { encryption: rule('aws:kms', 'arn:aws:kms:eu-west-1:1:key/k') },
      dsse: { encryption: rule('aws:kms:dsse') },
      none: { encryption: null },
      odd: { encryption: rule('XOR') },
      locked: { encryption: denied('s3:GetEncryptionConfiguration') },
    }),
    results: [
      { resource: 'arn:aws:s3:::sse-s3', status: 'pass', messageId: 'encrypted', observed: { bucket: 'sse-s3', algorithm: 'AES256' } },
      { resource: 'arn:aws:s3:::sse-kms', status: 'pass', messageId: 'encrypted', observed: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:eu-west-1:1:key/k' } },
      { resource: 'arn:aws:s3:::dsse', status: 'pass', messageId: 'encrypted', observed: { algorithm: 'aws:kms:dsse' } },
      { resource: 'arn:aws:s3:::none', status: 'fail', messageId: 'unencrypted', observed: { bucket: 'none', algorithm: null } },
      { resource: 'arn:aws:s3:::odd', status: 'fail', messageId: 'other', observed: { bucket: 'odd', algorithm: 'XOR' } },
      { resource: 'arn:aws:s3:::locked', status: 'error', messageId: 'notCollected', message: 's3:GetEncryptionConfiguration' },
    ],
  },
  'an account without buckets is not applicable': {
    facts: s3Facts({}),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noBuckets' }],
  },
  'a denied listing is an error naming the permission': {
    facts: s3Facts(denied('s3:ListAllMyBuckets')),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 's3:ListAllMyBuckets' }],
  },
});
