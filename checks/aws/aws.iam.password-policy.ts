import { defineCheck } from '../../src/core/check.js';

/** The character classes IAM can require, by setting name and by policy field. */
const CLASSES = [
  { setting: 'requireSymbols', field: 'RequireSymbols', name: 'symbols' },
  { setting: 'requireNumbers', field: 'RequireNumbers', name: 'numbers' },
  { setting: 'requireUppercase', field: 'RequireUppercaseCharacters', name: 'uppercase' },
  { setting: 'requireLowercase', field: 'RequireLowercaseCharacters', name: 'lowercase' },
] as const;

export default defineCheck({
  meta: {
    id: 'aws.iam.password-policy',
    title: 'Account password policy is strong',
    provider: 'aws',
    severity: 'medium',
    description:
      'A password policy exists with at least the configured minimum length and reuse prevention (absent numbers are IAM\'s "no requirement"). ' +
      'Expiry is optional: NIST SP 800-63B (§5.1.1.2) advises against forced periodic changes, so `maxAgeDays` defaults to null (not judged); set it to ' +
      'require MaxPasswordAge at most that many days (a policy whose passwords never expire then fails). The character classes IAM can require ' +
      '(symbols, numbers, uppercase, lowercase) are judged only when their setting is true; SP 800-63B advises against composition rules, so they default to false.',
    remediation: 'Set the password policy (IAM > Account settings) to meet the thresholds.',
    messages: {
      meets: 'Password policy meets the thresholds',
      weak: 'Password policy is too weak: {problems}',
      missing: 'The account has no password policy',
    },
    settings: {
      minimumLength: { type: 'integer', default: 14, description: 'Least acceptable MinimumPasswordLength.' },
      reusePrevention: { type: 'integer', default: 24, description: 'Least acceptable PasswordReusePrevention.' },
      maxAgeDays: {
        type: 'integer',
        default: null,
        nullable: true,
        description: 'Greatest acceptable MaxPasswordAge (days); null: expiry is not required (NIST SP 800-63B).',
      },
      requireSymbols: { type: 'boolean', default: false, description: 'The policy must require a symbol (RequireSymbols).' },
      requireNumbers: { type: 'boolean', default: false, description: 'The policy must require a number (RequireNumbers).' },
      requireUppercase: {
        type: 'boolean',
        default: false,
        description: 'The policy must require an uppercase letter (RequireUppercaseCharacters).',
      },
      requireLowercase: {
        type: 'boolean',
        default: false,
        description: 'The policy must require a lowercase letter (RequireLowercaseCharacters).',
      },
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
    const classes = Object.fromEntries(CLASSES.map((c) => [c.name, p[c.field] === true]));
    const problems = [
      length < minimumLength && `minimum length ${length} < ${minimumLength}`,
      reuse < reusePrevention && `reuse prevention ${reuse} < ${reusePrevention}`,
      maxAgeDays !== null && (!age || age > maxAgeDays) && `max age ${age ?? 'none'} > ${maxAgeDays} days`,
      ...CLASSES.filter((c) => ctx.settings[c.setting] && !classes[c.name]).map((c) => `${c.name} not required`),
    ].filter(Boolean);
    const observed = { minimumLength: length, reusePrevention: reuse, maxAgeDays: age, requires: classes, required: ctx.settings };
    return [
      problems.length ? ctx.fail(ctx.target.resource, 'weak', { ...observed, problems }) : ctx.pass(ctx.target.resource, 'meets', observed),
    ];
  },
});
