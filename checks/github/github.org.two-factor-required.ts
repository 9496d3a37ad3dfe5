import { defineCheck } from '../../src/core/check.js';
import { PERMISSIONS } from '../../src/judging/github/permissions.js';

export default defineCheck({
  meta: {
    id: 'github.org.two-factor-required',
    title: 'The organisation requires two-factor authentication',
    provider: 'github',
    severity: 'high',
    description: 'With the requirement on, GitHub removes members and outside collaborators who have not enabled 2FA, so no one reaches the code with a password alone.',
    remediation: 'Organisation settings → Authentication security → "Require two-factor authentication for everyone".',
    messages: {
      required: 'Organisation {org} requires two-factor authentication',
      notRequired: 'Organisation {org} does not require two-factor authentication',
    },
  },
  async run(ctx) {
    const s = await ctx.github.orgSettings();
    const resource = ctx.target.resource;
    if (s.twoFactorRequirementEnabled === null) {
      // GitHub sends null, not false, to a token that may not see the setting.
      return [ctx.missing(resource, `two_factor_requirement_enabled of ${s.login} is null, hidden from this token (needs ${PERMISSIONS.orgOwner})`, { permission: PERMISSIONS.orgOwner })];
    }
    const observed = { org: s.login, twoFactorRequirementEnabled: s.twoFactorRequirementEnabled };
    return [s.twoFactorRequirementEnabled ? ctx.pass(resource, 'required', observed) : ctx.fail(resource, 'notRequired', observed)];
  },
});
