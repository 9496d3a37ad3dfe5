import { defineCheck } from '../../src/core/check.js';
import { eachCustomerKey } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.kms.key-spec',
    title: 'Encryption keys are AES-256',
    provider: 'aws',
    severity: 'low',
    description: 'Customer-managed keys used for encryption (KeyUsage ENCRYPT_DECRYPT) are SYMMETRIC_DEFAULT, i.e. AES-256-GCM; the spec of every key is recorded.',
    remediation: 'Create a SYMMETRIC_DEFAULT key for data at rest, move its users to it, and schedule the old key for deletion.',
    messages: {
      aes256: 'Key {keyId} is SYMMETRIC_DEFAULT (AES-256-GCM)',
      otherSpec: 'Key {keyId} encrypts with {keySpec}, not SYMMETRIC_DEFAULT',
      awsManaged: 'Key {keyId} is AWS-managed (always SYMMETRIC_DEFAULT)',
      notForEncryption: 'Key {keyId} is for {keyUsage}, not encryption at rest',
      notInUse: 'Key {keyId} is {keyState}',
      noKeys: 'No KMS keys in the scanned regions',
    },
  },
  async run(ctx) {
    return eachCustomerKey(ctx, async (k, _region, o) => {
      if (k.keyUsage !== 'ENCRYPT_DECRYPT') return ctx.notApplicable(k.arn, 'notForEncryption', o);
      return k.keySpec === 'SYMMETRIC_DEFAULT' ? ctx.pass(k.arn, 'aes256', o) : ctx.fail(k.arn, 'otherSpec', o);
    });
  },
});
