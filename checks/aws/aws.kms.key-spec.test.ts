import { checkTester } from '../../src/testing/check-tester.js';
import { ACCOUNT, denied, kmsFacts, kmsKey, TARGET } from '../../test/support/aws/facts.js';
import check from './aws.kms.key-spec.js';

const arn = (id: string, region = 'eu-west-1') => `arn:aws:kms:${region}:${ACCOUNT}:key/${id}`;

checkTester(check, { target: TARGET }).run({
  'SYMMETRIC_DEFAULT and RSA ≥ 2048 encryption keys pass; other specs used for encryption fail; other usages are not applicable': {
    facts: kmsFacts({
      'eu-west-1': [
        kmsKey('aes'),
        kmsKey('rsa-enc', { keySpec: 'RSA_4096' }),
        kmsKey('rsa-2048', { keySpec: 'RSA_2048' }),
        kmsKey('sm2', { keySpec: 'SM2' }),
        kmsKey('rsa-1024', { keySpec: 'RSA_1024' }),
        kmsKey('signing', { keySpec: 'ECC_NIST_P256', keyUsage: 'SIGN_VERIFY' }),
        kmsKey('hmac', { keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' }),
      ],
    }),
    results: [
      { resource: arn('aes'), status: 'pass', messageId: 'aes256', observed: { keyId: 'aes', keySpec: 'SYMMETRIC_DEFAULT' } },
      { resource: arn('rsa-enc'), status: 'pass', messageId: 'rsa', observed: { keyId: 'rsa-enc', keySpec: 'RSA_4096' } },
      { resource: arn('rsa-2048'), status: 'pass', messageId: 'rsa', observed: { keySpec: 'RSA_2048' } },
      { resource: arn('sm2'), status: 'fail', messageId: 'otherSpec', observed: { keyId: 'sm2', keySpec: 'SM2' } },
      { resource: arn('rsa-1024'), status: 'fail', messageId: 'otherSpec', observed: { keySpec: 'RSA_1024' } },
      {
        resource: arn('signing'),
        status: 'not_applicable',
        messageId: 'notForEncryption',
        observed: { keyId: 'signing', keyUsage: 'SIGN_VERIFY' },
      },
      { resource: arn('hmac'), status: 'not_applicable', messageId: 'notForEncryption', observed: { keyUsage: 'GENERATE_VERIFY_MAC' } },
    ],
  },
  'AWS-managed keys and keys pending deletion are not applicable': {
    facts: kmsFacts({ 'eu-west-1': [kmsKey('aws', { keyManager: 'AWS' }), kmsKey('doomed', { keyState: 'PendingDeletion' })] }),
    results: [
      { resource: arn('aws'), status: 'not_applicable', messageId: 'awsManaged', observed: { keyId: 'aws' } },
      {
        resource: arn('doomed'),
        status: 'not_applicable',
        messageId: 'notInUse',
        observed: { keyId: 'doomed', keyState: 'PendingDeletion' },
      },
    ],
  },
  'no key in any scanned region is not applicable': {
    facts: kmsFacts({ 'eu-west-1': [] }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noKeys' }],
  },
  'a region whose keys cannot be listed is an error for that region': {
    facts: kmsFacts({ 'eu-west-1': denied('kms:ListKeys') }),
    results: [{ resource: arn('*'), status: 'error', messageId: 'notCollected', message: 'kms:ListKeys' }],
  },
});
