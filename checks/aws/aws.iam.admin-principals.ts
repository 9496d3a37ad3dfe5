import { defineCheck } from '../../src/core/check.js';
import { adminPrincipals } from '../../src/judging/aws/admin.js';
import { holderUsers, permissionSetHolders, reservedSsoRole } from '../../src/judging/aws/identity-center.js';

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
      'policies are not read. An IAM Identity Center role (`aws-reserved/sso.amazonaws.com/…/AWSReservedSSO_<PermissionSet>_<suffix>`) stands for ' +
      'people, not one principal: it counts the users assigned its permission set in the account directly plus the members of the groups assigned, ' +
      'each user once across roles and groups (sso:ListPermissionSetsProvisionedToAccount, sso:DescribePermissionSet, sso:ListAccountAssignments, ' +
      'identitystore:ListGroupMemberships, read from the management or delegated administrator account; see aws.identityCenter). When Identity ' +
      'Center cannot be read, or shows no permission set of that name provisioned to the account, the result is an error, never the role counted ' +
      'as one. Accounts without such a role read no Identity Center. The IAM users, other roles and Identity Center users number at most the ' +
      'configured maximum.',
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
    const ssoRoles = principals.flatMap((p) => (p.kind === 'role' ? [reservedSsoRole(p.arn)].filter((r) => r !== undefined) : []));
    const identityCenter = ssoRoles.length ? await permissionSetHolders(ctx.aws.identityCenter, ssoRoles) : [];
    // Groups grant, users and roles act: the count is of those who can act, and a reserved role acts as its people.
    const iamActors = principals.filter((p) => p.kind !== 'group' && !ssoRoles.some((r) => r.arn === p.arn));
    const count = iamActors.length + holderUsers(identityCenter).length;
    const observed = { count, maxAdmins, principals, ...(ssoRoles.length ? { identityCenter } : {}) };
    return [count <= maxAdmins ? ctx.pass(ctx.target.resource, 'few', observed) : ctx.fail(ctx.target.resource, 'many', observed)];
  },
});
