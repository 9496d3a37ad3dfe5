import { defineCheck } from '../../src/core/check.js';
import { eachKey, KEY_STATES_NOT_IN_USE } from '../../src/providers/aws/judge.js';
import { publicAllowStatements } from '../../src/providers/aws/policy.js';

export default defineCheck({
  meta: {
    id: 'aws.kms.key-policy-public',
    title: 'Key policies do not open keys to everyone',
    provider: 'aws',
    severity: 'critical',
    description: 'No customer-managed key\'s policy allows `Principal: "*"` without a condition that restricts the caller (account, organisation, source, VPC endpoint).',
    remediation: 'Replace `"*"` with the principals that need the key, or add a condition such as kms:CallerAccount or aws:PrincipalOrgID.',
    messages: {
      restricted: 'Key {keyId} policy grants nothing to everyone',
      public: 'Key {keyId} policy allows anyone: {sids}',
      notCustomer: 'Key {keyId} is AWS-managed: AWS writes its policy',
      notInUse: 'Key {keyId} is {keyState}',
      noKeys: 'No KMS keys in the scanned regions',
    },
  },
  async run(ctx) {
    return eachKey(ctx, async (k, region) => {
      const o = { keyId: k.keyId, region, keyManager: k.keyManager, keyState: k.keyState };
      if (k.keyManager !== 'CUSTOMER') return ctx.notApplicable(k.arn, 'notCustomer', o);
      if (KEY_STATES_NOT_IN_USE.has(k.keyState ?? '')) return ctx.notApplicable(k.arn, 'notInUse', o);
      const policy = await ctx.aws.kms.keyPolicy(region, k.keyId);
      // Fail closed: a key with no readable policy is not shown to be restricted.
      if (!policy) return ctx.error(k.arn, new Error(`key ${k.keyId} returned no policy`), o);
      const open = publicAllowStatements(policy);
      if (open.length === 0) return ctx.pass(k.arn, 'restricted', o);
      return ctx.fail(k.arn, 'public', { ...o, sids: open.map((s, i) => s.Sid ?? `#${i + 1}`), statements: open });
    });
  },
});
