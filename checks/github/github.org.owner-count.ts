import { defineCheck } from '../../src/core/check.js';
import { PERMISSIONS } from '../../src/judging/github/permissions.js';

export default defineCheck({
  meta: {
    id: 'github.org.owner-count',
    title: 'The organisation has few owners',
    provider: 'github',
    severity: 'medium',
    description: 'Owners can change every setting and reach every repository. Their number is kept at or below a maximum.',
    remediation: 'Organisation → People → filter by role "Owner"; change the role of those who do not need it to "Member".',
    messages: {
      within: '{org} has {count} owner(s), at most {max}: {owners}',
      tooMany: '{org} has {count} owners, more than {max}: {owners}',
    },
    settings: { maxOwners: { type: 'integer', default: 3, description: 'Largest acceptable number of organisation owners.' } },
  },
  async run(ctx) {
    const owners = (await ctx.github.owners()).map((m) => m.login).sort();
    const max = ctx.settings.maxOwners;
    const org = ctx.target.resource.replace(/^github:/, '');
    const observed = { org, count: owners.length, max, owners };
    const r = ctx.target.resource;
    // Every organisation has an owner: an empty list means the token sees too little, not that none exist.
    if (owners.length === 0)
      return [
        ctx.missing(r, `no owner of ${org} is visible to the token (needs ${PERMISSIONS.members})`, { permission: PERMISSIONS.members }),
      ];
    return [owners.length <= max ? ctx.pass(r, 'within', observed) : ctx.fail(r, 'tooMany', observed)];
  },
});
