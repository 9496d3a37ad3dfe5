import { defineCheck } from '../../src/core/check.js';
import { enabledCredentials, iamUsers } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.unused-credentials',
    title: 'Unused credentials are disabled',
    provider: 'aws',
    severity: 'medium',
    description: 'Passwords and active access keys unused for the configured days are disabled (never used: counted from creation).',
    remediation: 'Remove the password or deactivate the keys of the listed users; delete users who left.',
    messages: {
      noCredentials: 'No IAM user has a password or an active access key',
      inUse: '{user}: every enabled credential was used in the last {maxUnusedDays} days',
      unused: '{user}: enabled but unused for {maxUnusedDays}+ days: {unused}',
    },
    settings: {
      maxUnusedDays: { type: 'integer', default: 45, description: 'Days without use after which a credential must be disabled.' },
    },
  },
  async run(ctx) {
    const maxUnusedDays = ctx.settings.maxUnusedDays;
    const results = iamUsers(await ctx.aws.iam.credentialReport()).flatMap((u) => {
      const creds = enabledCredentials(u, ctx.now);
      if (creds.length === 0) return [];
      const unused = creds.filter((c) => c.idleDays === null || c.idleDays >= maxUnusedDays).map((c) => c.credential);
      const observed = { user: u.user, maxUnusedDays, credentials: creds, unused };
      return [unused.length ? ctx.fail(u.arn, 'unused', observed) : ctx.pass(u.arn, 'inUse', observed)];
    });
    return results.length ? results : [ctx.notApplicable(ctx.target.resource, 'noCredentials')];
  },
});
