import { defineCheck } from '../../src/core/check.js';
import { PERMISSIONS } from '../../src/judging/github/permissions.js';

export default defineCheck({
  meta: {
    id: 'github.org.default-permission',
    title: 'Members get no more than read access to repositories by default',
    provider: 'github',
    severity: 'medium',
    description: 'The base permission applies to every member on every repository; write or admin by default grants access beyond need.',
    remediation: 'Organisation settings → Member privileges → Base permissions: "No permission" or "Read"; grant more through teams.',
    messages: {
      limited: 'Base repository permission of {org} is "{permission}"',
      broad: 'Base repository permission of {org} is "{permission}", broader than {allowed}',
    },
    settings: { allowed: { type: 'string[]', default: ['none', 'read'], description: 'Acceptable base permissions.' } },
  },
  async run(ctx) {
    const s = await ctx.github.orgSettings();
    const r = ctx.target.resource;
    if (s.defaultRepositoryPermission === null) {
      return [
        ctx.missing(r, `default_repository_permission of ${s.login} is hidden from this token (needs ${PERMISSIONS.orgOwner})`, {
          permission: PERMISSIONS.orgOwner,
        }),
      ];
    }
    const allowed = ctx.settings.allowed;
    const observed = { org: s.login, permission: s.defaultRepositoryPermission, allowed };
    return [allowed.includes(s.defaultRepositoryPermission) ? ctx.pass(r, 'limited', observed) : ctx.fail(r, 'broad', observed)];
  },
});
