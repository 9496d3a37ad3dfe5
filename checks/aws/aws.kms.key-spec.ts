import { defineCheck } from '../../src/core/check.js';
import { eachCustomerKey } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.kms.key-spec',
    title: 'Encryption keys are strong',
    provider: 'aws',
    severity: 'low',
    description:
      'Customer-managed keys used for encryption (KeyUsage ENCRYPT_DECRYPT) are SYMMETRIC_DEFAULT (AES-256-GCM) or RSA of at least 2048 bits ' +
      '(RSA_2048, RSA_3072, RSA_4096: RSAES-OAEP); any other spec used for encryption (SM2, or an unknown one) fails. Signing, MAC and key-agreement ' +
      'keys are not applicable; the spec of every key is recorded.',
    remediation:
      'Create a SYMMETRIC_DEFAULT key (or RSA_3072 / RSA_4096 for public-key encryption), move its users to it, and schedule the old key for deletion.',
    messages: {
      aes256: 'Key {keyId} is SYMMETRIC_DEFAULT (AES-256-GCM)',
      rsa: 'Key {keyId} is {keySpec}, RSA of at least 2048 bits',
      otherSpec: 'Key {keyId} encrypts with {keySpec}, neither SYMMETRIC_DEFAULT nor RSA of 2048 bits or more',
      awsManaged: 'Key {keyId} is AWS-managed (always SYMMETRIC_DEFAULT)',
      notForEncryption: 'Key {keyId} is for {keyUsage}, not encryption at rest',
      notInUse: 'Key {keyId} is {keyState}',
      noKeys: 'No KMS keys in the scanned regions',
    },
  },
  async run(ctx) {
    return eachCustomerKey(ctx, async (k, _region, o) => {
      if (k.keyUsage !== 'ENCRYPT_DECRYPT') return ctx.notApplicable(k.arn, 'notForEncryption', o);
      if (k.keySpec === 'SYMMETRIC_DEFAULT') return ctx.pass(k.arn, 'aes256', o);
      const rsaBits = Number(/^RSA_(\d+)$/.exec(k.keySpec ?? '')?.[1] ?? 0);
      return rsaBits >= 2048 ? ctx.pass(k.arn, 'rsa', o) : ctx.fail(k.arn, 'otherSpec', o);
    });
  },
});
