import { defineCheck } from '../../src/core/check.js';
import { eachCustomerKey } from '../../src/judging/aws/judge.js';

const NO_AUTOMATIC_ROTATION = new Set(['EXTERNAL', 'EXTERNAL_KEY_STORE', 'AWS_CLOUDHSM']);

export default defineCheck({
  meta: {
    id: 'aws.kms.key-rotation',
    title: 'Customer keys rotate automatically',
    provider: 'aws',
    severity: 'medium',
    description: 'Customer-managed symmetric KMS keys, in every scanned region, have automatic rotation enabled. AWS-managed and asymmetric keys are not applicable.',
    remediation: 'Enable automatic key rotation on the key (KMS > Customer managed keys > Key rotation).',
    messages: {
      rotating: 'Key {keyId} rotates automatically (every {rotationPeriodInDays} days)',
      notRotating: 'Key {keyId} does not rotate automatically',
      awsManaged: 'Key {keyId} is AWS-managed: AWS rotates it',
      notSymmetric: 'Key {keyId} is {keySpec}: KMS cannot rotate it automatically',
      unsupported: 'Key {keyId} has origin {origin}: no automatic rotation',
      notInUse: 'Key {keyId} is {keyState}',
      noKeys: 'No KMS keys in the scanned regions',
    },
  },
  async run(ctx) {
    return eachCustomerKey(ctx, async (k, region, o) => {
      if (k.keySpec !== 'SYMMETRIC_DEFAULT') return ctx.notApplicable(k.arn, 'notSymmetric', o);
      if (NO_AUTOMATIC_ROTATION.has(k.origin ?? '')) return ctx.notApplicable(k.arn, 'unsupported', o);
      const rotation = await ctx.aws.kms.rotation(region, k.keyId);
      const observed = { ...o, rotationEnabled: rotation.enabled, rotationPeriodInDays: rotation.enabled ? (rotation.rotationPeriodInDays ?? 365) : null };
      return rotation.enabled ? ctx.pass(k.arn, 'rotating', observed) : ctx.fail(k.arn, 'notRotating', observed);
    });
  },
});
