import { defineCheck } from '../../src/core/check.js';
import { eachCustomerKey } from '../../src/judging/aws/judge.js';

const NO_AUTOMATIC_ROTATION = new Set(['EXTERNAL', 'EXTERNAL_KEY_STORE', 'AWS_CLOUDHSM']);

export default defineCheck({
  meta: {
    id: 'aws.kms.key-rotation',
    title: 'Customer keys rotate automatically',
    provider: 'aws',
    severity: 'medium',
    description:
      'Customer-managed symmetric KMS keys, in every scanned region, have automatic rotation enabled with a rotation period (RotationPeriodInDays, ' +
      '90–2560, 365 when KMS reports none) of at most `maxRotationDays`. AWS-managed keys (AWS rotates them), asymmetric and HMAC keys and keys with ' +
      'imported or external key material (KMS cannot rotate them), and keys that are Disabled or pending deletion or import (they encrypt nothing ' +
      'new) are not applicable, with their state recorded.',
    remediation: 'Enable automatic key rotation on the key (KMS > Customer managed keys > Key rotation).',
    messages: {
      rotating: 'Key {keyId} rotates automatically (every {rotationPeriodInDays} days)',
      notRotating: 'Key {keyId} does not rotate automatically',
      periodTooLong: 'Key {keyId} rotates every {rotationPeriodInDays} days, more than {maxRotationDays}',
      awsManaged: 'Key {keyId} is AWS-managed: AWS rotates it',
      notSymmetric: 'Key {keyId} is {keySpec}: KMS cannot rotate it automatically',
      unsupported: 'Key {keyId} has origin {origin}: no automatic rotation',
      notInUse: 'Key {keyId} is {keyState}',
      noKeys: 'No KMS keys in the scanned regions',
    },
    settings: { maxRotationDays: { type: 'integer', default: 365, description: 'Longest acceptable automatic rotation period, in days.' } },
  },
  async run(ctx) {
    const { maxRotationDays } = ctx.settings;
    return eachCustomerKey(ctx, async (k, region, o) => {
      // A disabled key encrypts nothing new; its state is recorded like that of a key pending deletion.
      if (k.keyState === 'Disabled') return ctx.notApplicable(k.arn, 'notInUse', o);
      if (k.keySpec !== 'SYMMETRIC_DEFAULT') return ctx.notApplicable(k.arn, 'notSymmetric', o);
      if (NO_AUTOMATIC_ROTATION.has(k.origin ?? '')) return ctx.notApplicable(k.arn, 'unsupported', o);
      const rotation = await ctx.aws.kms.rotation(region, k.keyId);
      const period = rotation.enabled ? (rotation.rotationPeriodInDays ?? 365) : null;
      const observed = { ...o, rotationEnabled: rotation.enabled, rotationPeriodInDays: period, maxRotationDays };
      if (period === null) return ctx.fail(k.arn, 'notRotating', observed);
      return period > maxRotationDays ? ctx.fail(k.arn, 'periodTooLong', observed) : ctx.pass(k.arn, 'rotating', observed);
    });
  },
});
