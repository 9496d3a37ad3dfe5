import { defineCheck } from '../../src/core/check.js';
import { MANAGED_USERS_MESSAGE, MANAGED_USERS_SETTING } from '../../src/judging/github/managed-users.js';
import { PERMISSIONS } from '../../src/judging/github/permissions.js';

export default defineCheck({
  meta: {
    id: 'github.org.two-factor-required',
    title: 'The organisation requires two-factor authentication',
    provider: 'github',
    severity: 'high',
    description:
      'With the requirement on (two_factor_requirement_enabled), GitHub removes members and outside collaborators who have not enabled 2FA, so no one ' +
      'reaches the code with a password alone. GitHub answers null, not false, to a token that may not see the setting: that is an error. An ' +
      'organisation declared an Enterprise Managed Users one (setting managedUsers) is not applicable: its members sign in through the identity provider.',
    remediation: 'Organisation settings → Authentication security → "Require two-factor authentication for everyone".',
    messages: {
      required: 'Organisation {org} requires two-factor authentication',
      notRequired: 'Organisation {org} does not require two-factor authentication',
      ...MANAGED_USERS_MESSAGE,
    },
    settings: MANAGED_USERS_SETTING,
  },
  async run(ctx) {
    const resource = ctx.target.resource;
    if (ctx.settings.managedUsers) return [ctx.notApplicable(resource, 'managedUsers', { org: resource.replace(/^github:/, '') })];
    const s = await ctx.github.orgSettings();
    if (s.twoFactorRequirementEnabled === null) {
      // GitHub sends null, not false, to a token that may not see the setting.
      return [
        ctx.missing(
          resource,
          `two_factor_requirement_enabled of ${s.login} is null, hidden from this token (needs ${PERMISSIONS.orgOwner})`,
          { permission: PERMISSIONS.orgOwner },
        ),
      ];
    }
    const observed = { org: s.login, twoFactorRequirementEnabled: s.twoFactorRequirementEnabled };
    return [s.twoFactorRequirementEnabled ? ctx.pass(resource, 'required', observed) : ctx.fail(resource, 'notRequired', observed)];
  },
});
