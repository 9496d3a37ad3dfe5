import { defineCheck } from '../../src/core/check.js';
import { eachBucket } from '../../src/judging/aws/judge.js';
import { deniesInsecureTransport } from '../../src/judging/aws/policy.js';

export default defineCheck({
  meta: {
    id: 'aws.s3.secure-transport',
    title: 'Buckets refuse unencrypted transport',
    provider: 'aws',
    severity: 'medium',
    description:
      'The bucket policy has a Deny for everyone (`Principal: "*"`) of every S3 action (`s3:*` or `*`) on the bucket and all its objects, conditioned on `Bool` ' +
      '(or BoolIfExists) `aws:SecureTransport` `"false"`, so data only moves over TLS. Condition blocks are ANDed: a Deny that also requires another condition ' +
      '(`aws:PrincipalAccount = X`) denies plain HTTP to fewer requests and does not count. No policy at all fails.',
    remediation:
      'Add a Deny statement for Principal "*", Action "s3:*", the bucket and its objects, with Condition Bool aws:SecureTransport "false".',
    messages: {
      enforced: '{bucket} denies requests without TLS',
      notEnforced: '{bucket} policy does not deny requests without TLS',
      noPolicy: '{bucket} has no bucket policy, so requests without TLS are not denied',
      noBuckets: 'The account has no buckets',
    },
  },
  async run(ctx) {
    return eachBucket(ctx, async (b) => {
      const policy = await ctx.aws.s3.bucketPolicy(b.name);
      if (!policy) return ctx.fail(b.arn, 'noPolicy', { bucket: b.name, policy: null });
      return deniesInsecureTransport(policy, b.arn)
        ? ctx.pass(b.arn, 'enforced', { bucket: b.name })
        : ctx.fail(b.arn, 'notEnforced', { bucket: b.name, policy });
    });
  },
});
