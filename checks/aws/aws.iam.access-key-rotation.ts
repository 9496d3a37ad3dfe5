import { defineCheck } from '../../src/core/check.js';
import { daysSince } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.access-key-rotation',
    title: 'Active access keys are rotated',
    provider: 'aws',
    severity: 'medium',
    description: 'Every active access key (root included) is at most the configured number of days old, from the credential report.',
    remediation:
      'Create a new key, move its users to it, then deactivate and delete the old one; better, replace long-lived keys with roles.',
    messages: {
      noKeys: 'No user has an active access key',
      fresh: '{user}: active access keys are at most {maxAgeDays} days old',
      stale: '{user}: access key(s) older than {maxAgeDays} days: {staleSlots}',
    },
    settings: { maxAgeDays: { type: 'integer', default: 90, description: 'Greatest acceptable age of an active access key, in days.' } },
  },
  async run(ctx) {
    const { users } = await ctx.aws.iam.credentialReport();
    const maxAgeDays = ctx.settings.maxAgeDays;
    const results = users.flatMap((u) => {
      const keys = u.accessKeys
        .filter((k) => k.active)
        .map((k) => ({ slot: k.slot, lastRotated: k.lastRotated, ageDays: daysSince(k.lastRotated, ctx.now) }));
      if (keys.length === 0) return [];
      // A key whose age cannot be read is not known to be fresh.
      const staleSlots = keys.filter((k) => k.ageDays === null || k.ageDays > maxAgeDays).map((k) => k.slot);
      const observed = { user: u.user, maxAgeDays, keys, staleSlots };
      return [staleSlots.length ? ctx.fail(u.arn, 'stale', observed) : ctx.pass(u.arn, 'fresh', observed)];
    });
    return results.length ? results : [ctx.notApplicable(ctx.target.resource, 'noKeys')];
  },
});
