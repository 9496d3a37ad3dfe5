import { defineCheck } from '../../src/core/check.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.password-policy',
    title: 'Account password policy is strong',
    provider: 'aws',
    severity: 'medium',
    description: 'A password policy exists with the configured minimum length, reuse prevention and maximum age.',
    remediation: 'Set the password policy (IAM > Account settings) to meet the thresholds.',
    messages: {
      meets: 'Password policy meets the thresholds',
      weak: 'Password policy is too weak: {problems}',
      missing: 'The account has no password policy',
    },
    settings: {
      minimumLength: { type: 'integer', default: 14, description: 'Least acceptable MinimumPasswordLength.' },
      reusePrevention: { type: 'integer', default: 24, description: 'Least acceptable PasswordReusePrevention.' },
      maxAgeDays: { type: 'integer', default: 90, description: 'Greatest acceptable MaxPasswordAge (days).' },
    },
  },
  async run(ctx) {
    const p = await ctx.aws.iam.passwordPolicy();
    if (!p) return [ctx.fail(ctx.target.resource, 'missing', { policy: null })];
    const { minimumLength, reusePrevention, maxAgeDays } = ctx.settings;
    // Absent numbers are IAM's way of saying "no requirement"; a password that never expires has no age limit.
    const length = p.MinimumPasswordLength ?? 0;
    const reuse = p.PasswordReusePrevention ?? 0;
    const age = (p.ExpirePasswords !== false && p.MaxPasswordAge) || null;
    const problems = [
      length < minimumLength && `minimum length ${length} < ${minimumLength}`,
      reuse < reusePrevention && `reuse prevention ${reuse} < ${reusePrevention}`,
      (!age || age > maxAgeDays) && `max age ${age ?? 'none'} > ${maxAgeDays} days`,
    ].filter(Boolean);
    const observed = { minimumLength: length, reusePrevention: reuse, maxAgeDays: age, required: ctx.settings };
    return [problems.length ? ctx.fail(ctx.target.resource, 'weak', { ...observed, problems }) : ctx.pass(ctx.target.resource, 'meets', observed)];
  },
});
