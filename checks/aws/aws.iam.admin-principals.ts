import { defineCheck } from '../../src/core/check.js';
import { adminPrincipals } from '../../src/judging/aws/admin.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.admin-principals',
    title: 'Few principals hold administrator access',
    provider: 'aws',
    severity: 'high',
    description:
      'Lists the users, groups and roles that hold administrator access through an attached or inline policy, as aws.iam.no-admin-policies judges a document ' +
      '(every action, every IAM action, or an IAM privilege escalation), and users through an administrator group. AWS-managed policies are judged by the ' +
      'documents annexa ships with their version (AdministratorAccess v1, PowerUserAccess v12, IAMFullAccess v2; src/judging/aws/data/); other AWS-managed ' +
      'policies are not read. The users and roles number at most the configured maximum.',
    remediation:
      'Review the listed principals; move day-to-day work to narrower roles and keep administrator access for a few break-glass identities.',
    messages: {
      few: '{count} user(s) and role(s) hold administrator access (at most {maxAdmins})',
      many: '{count} user(s) and role(s) hold administrator access, more than {maxAdmins}',
    },
    settings: { maxAdmins: { type: 'integer', default: 3, description: 'Most users plus roles that may hold administrator access.' } },
  },
  async run(ctx) {
    const principals = adminPrincipals(await ctx.aws.iam.authorizationDetails());
    const maxAdmins = ctx.settings.maxAdmins;
    // Groups grant, users and roles act: the count is of those who can act.
    const count = principals.filter((p) => p.kind !== 'group').length;
    const observed = { count, maxAdmins, principals };
    return [count <= maxAdmins ? ctx.pass(ctx.target.resource, 'few', observed) : ctx.fail(ctx.target.resource, 'many', observed)];
  },
});
