import { defineCheck } from '../../src/core/check.js';

export default defineCheck({
  meta: {
    id: 'github.org.members-without-2fa',
    title: 'No organisation member has two-factor authentication disabled',
    provider: 'github',
    severity: 'high',
    description: 'Lists members with 2FA disabled (members?filter=2fa_disabled, visible to owners only). Any such member can reach the code with a password alone.',
    remediation: 'Ask the listed members to enable 2FA, or require 2FA for the organisation, which removes them until they do.',
    messages: {
      none: 'Every member of {org} has two-factor authentication enabled',
      some: '{count} member(s) of {org} have two-factor authentication disabled: {members}',
    },
  },
  async run(ctx) {
    const members = (await ctx.github.membersWithout2fa()).map((m) => m.login).sort();
    const org = ctx.target.resource.replace(/^github:/, '');
    const observed = { org, count: members.length, members };
    return [members.length === 0 ? ctx.pass(ctx.target.resource, 'none', observed) : ctx.fail(ctx.target.resource, 'some', observed)];
  },
});
