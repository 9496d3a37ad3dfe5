import { defineCheck } from '../../src/core/check.js';
import { daysSince, iamUsers } from '../../src/providers/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.unused-credentials',
    title: 'Unused credentials are disabled',
    provider: 'aws',
    severity: 'medium',
    description: 'Console passwords and active access keys not used for the configured number of days are disabled (never used: counted from creation or rotation).',
    remediation: 'Remove the console password or deactivate the access keys of the listed users; delete users who no longer need access.',
    messages: {
      noCredentials: 'No IAM user has a password or an active access key',
      inUse: '{user}: every enabled credential was used in the last {maxUnusedDays} days',
      unused: '{user}: enabled but unused for {maxUnusedDays}+ days: {unused}',
    },
    settings: { maxUnusedDays: { type: 'integer', default: 45, description: 'Days without use after which an enabled credential must be disabled.' } },
  },
  async run(ctx) {
    const maxUnusedDays = ctx.settings.maxUnusedDays as number;
    const idle = (used: string | null, since: string | null) => daysSince(used ?? since, ctx.now);
    const results = iamUsers(await ctx.aws.iam.credentialReport()).flatMap((u) => {
      const creds = [
        ...(u.passwordEnabled ? [{ credential: 'password', idleDays: idle(u.passwordLastUsed, u.passwordLastChanged ?? u.userCreationTime) }] : []),
        ...u.accessKeys.filter((k) => k.active).map((k) => ({ credential: `access key ${k.slot}`, idleDays: idle(k.lastUsedDate, k.lastRotated) })),
      ];
      if (creds.length === 0) return [];
      const unused = creds.filter((c) => c.idleDays === null || c.idleDays >= maxUnusedDays).map((c) => c.credential);
      const observed = { user: u.user, maxUnusedDays, credentials: creds, unused };
      return [unused.length ? ctx.fail(u.arn, 'unused', observed) : ctx.pass(u.arn, 'inUse', observed)];
    });
    return results.length ? results : [ctx.notApplicable(ctx.target.resource, 'noCredentials')];
  },
});
