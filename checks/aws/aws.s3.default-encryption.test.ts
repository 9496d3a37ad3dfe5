import { checkTester } from '../../src/testing/check-tester.js';
import type { FakeFacts } from '../../src/testing/run-check.js';
import type { AwsFacts } from '../../src/providers/aws/types.js';
import { ACCOUNT, BUCKET_LISTING_CASES, denied, kmsFacts, kmsKey, s3Facts, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.s3.default-encryption.js';

const rule = (algorithm: string, kmsKeyId: string | null = null, blockedEncryptionTypes: string[] = []) => ({
  rules: [{ algorithm, kmsKeyId, bucketKeyEnabled: null, blockedEncryptionTypes }],
});
const keyArn = (id: string) => `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${id}`;
const withKeys = (s3: FakeFacts<AwsFacts>): FakeFacts<AwsFacts> => ({
  ...s3,
  ...kmsFacts({ 'eu-west-1': [kmsKey('cmk'), kmsKey('managed', { keyManager: 'AWS' })] }),
});
const byRequirement = s3Facts({
  'sse-s3': { encryption: rule('AES256') },
  'aws-key': { encryption: rule('aws:kms') },
  'aws-alias': { encryption: rule('aws:kms', 'arn:aws:kms:eu-west-1:123456789012:alias/aws/s3') },
  'managed-arn': { encryption: rule('aws:kms', keyArn('managed')) },
  cmk: { encryption: rule('aws:kms', keyArn('cmk'), ['SSE-C']) },
});

checkTester(check, { target: TARGET }).run({
  'require any: AES-256 and KMS pass; none or another algorithm fail; an unreadable bucket is an error alone': {
    facts: s3Facts({
      'sse-s3': { encryption: rule('AES256') },
      'sse-kms': { encryption: rule('aws:kms', 'arn:aws:kms:eu-west-1:1:key/k') },
      dsse: { encryption: rule('aws:kms:dsse', null, ['SSE-C']) },
      none: { encryption: null },
      odd: { encryption: rule('XOR') },
      locked: { encryption: denied('s3:GetEncryptionConfiguration') },
    }),
    results: [
      {
        resource: 'arn:aws:s3:::sse-s3',
        status: 'pass',
        messageId: 'encrypted',
        observed: { bucket: 'sse-s3', algorithm: 'AES256', sseCBlocked: false, require: 'any' },
      },
      {
        resource: 'arn:aws:s3:::sse-kms',
        status: 'pass',
        messageId: 'encrypted',
        observed: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:eu-west-1:1:key/k' },
      },
      { resource: 'arn:aws:s3:::dsse', status: 'pass', messageId: 'encrypted', observed: { algorithm: 'aws:kms:dsse', sseCBlocked: true } },
      { resource: 'arn:aws:s3:::none', status: 'fail', messageId: 'unencrypted', observed: { bucket: 'none', algorithm: null } },
      { resource: 'arn:aws:s3:::odd', status: 'fail', messageId: 'other', observed: { bucket: 'odd', algorithm: 'XOR' } },
      { resource: 'arn:aws:s3:::locked', status: 'error', messageId: 'notCollected', message: 's3:GetEncryptionConfiguration' },
    ],
  },
  'require kms: SSE-S3 fails, any KMS key passes': {
    facts: byRequirement,
    settings: { require: 'kms' },
    results: [
      { resource: 'arn:aws:s3:::sse-s3', status: 'fail', messageId: 'notKms', observed: { algorithm: 'AES256', require: 'kms' } },
      { resource: 'arn:aws:s3:::aws-key', status: 'pass', messageId: 'encrypted' },
      { resource: 'arn:aws:s3:::aws-alias', status: 'pass', messageId: 'encrypted' },
      { resource: 'arn:aws:s3:::managed-arn', status: 'pass', messageId: 'encrypted' },
      { resource: 'arn:aws:s3:::cmk', status: 'pass', messageId: 'encrypted', observed: { sseCBlocked: true } },
    ],
  },
  'require kms-cmk: only a customer-managed key passes, read with DescribeKey': {
    facts: withKeys(byRequirement),
    settings: { require: 'kms-cmk' },
    results: [
      { resource: 'arn:aws:s3:::sse-s3', status: 'fail', messageId: 'notKms' },
      { resource: 'arn:aws:s3:::aws-key', status: 'fail', messageId: 'awsManagedKey', observed: { keyManager: 'AWS', require: 'kms-cmk' } },
      { resource: 'arn:aws:s3:::aws-alias', status: 'fail', messageId: 'awsManagedKey' },
      { resource: 'arn:aws:s3:::managed-arn', status: 'fail', messageId: 'awsManagedKey', observed: { keyManager: 'AWS' } },
      { resource: 'arn:aws:s3:::cmk', status: 'pass', messageId: 'encrypted', observed: { keyManager: 'CUSTOMER' } },
    ],
  },
  'an unknown require value is a check failure, not a verdict': {
    facts: s3Facts({ b: { encryption: rule('AES256') } }),
    settings: { require: 'strong' },
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'checkFailed', message: 'expected one of any, kms, kms-cmk' }],
  },
  ...BUCKET_LISTING_CASES,
});
