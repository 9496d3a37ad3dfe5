import { defineCheck } from '../../src/core/check.js';
import { eachCustomerKey } from '../../src/judging/aws/judge.js';
import { publicAllowStatements } from '../../src/judging/aws/policy.js';

export default defineCheck({
  meta: {
    id: 'aws.kms.key-policy-public',
    title: 'Key policies do not open keys to everyone',
    provider: 'aws',
    severity: 'critical',
    description:
      'No customer-managed key\'s policy has an Allow open to anyone (`Principal: "*"`, `{ "AWS": "*" }`, or any `NotPrincipal`, which grants everyone but those it names) ' +
      'unless a condition narrows the caller. Condition operators and keys are ANDed, so one narrowing pair is enough; a pair narrows only when it is a plain ' +
      'StringEquals/StringLike/ArnEquals/ArnLike (or ForAnyValue: of these) on a caller key (kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalOrgID, aws:PrincipalOrgPaths, ' +
      "aws:PrincipalArn, aws:Source*, aws:userid) with values free of wildcards. Not narrowing, after IAM's condition-operator reference: any …IfExists operator and " +
      'ForAllValues: (true when the key is absent), Null, negated operators (StringNotEquals…), and values that are or hold a wildcard (kms:CallerAccount "*", aws:PrincipalOrgID "o-*").',
    remediation: 'Replace `"*"` with the principals that need the key, or add a condition such as kms:CallerAccount or aws:PrincipalOrgID.',
    messages: {
      restricted: 'Key {keyId} policy grants nothing to everyone',
      public: 'Key {keyId} policy allows anyone: {sids}',
      awsManaged: 'Key {keyId} is AWS-managed: AWS writes its policy',
      notInUse: 'Key {keyId} is {keyState}',
      noKeys: 'No KMS keys in the scanned regions',
    },
  },
  async run(ctx) {
    return eachCustomerKey(ctx, async (k, region, o) => {
      const policy = await ctx.aws.kms.keyPolicy(region, k.keyId);
      // Fail closed: a key with no readable policy is not shown to be restricted.
      if (!policy) return ctx.missing(k.arn, `key ${k.keyId} returned no policy`, o);
      const open = publicAllowStatements(policy);
      if (open.length === 0) return ctx.pass(k.arn, 'restricted', o);
      return ctx.fail(k.arn, 'public', { ...o, sids: open.map((s, i) => s.Sid ?? `#${i + 1}`), statements: open });
    });
  },
});
