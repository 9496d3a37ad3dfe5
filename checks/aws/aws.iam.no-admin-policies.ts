import { defineCheck } from '../../src/core/check.js';
import { adminGrant } from '../../src/judging/aws/admin-access.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.no-admin-policies',
    title: 'No customer policy grants administrator access',
    provider: 'aws',
    severity: 'high',
    description:
      'No customer-managed policy (default version) and no inline policy grants administrator access, judged by what it allows on every resource ' +
      '(a Resource matching any ARN: `*`, `arn:*`, `arn:aws:*:*:*:*`, `*` in a list; a NotResource excluding only some) after its own unconditional Denies: ' +
      "every action; every IAM action; one action that writes its holder's own permissions (iam:AttachUserPolicy, iam:PutUserPolicy, iam:AttachGroupPolicy, " +
      'iam:PutGroupPolicy, iam:AddUserToGroup, iam:CreatePolicyVersion); iam:PassRole with iam:CreateRole and iam:AttachRolePolicy or iam:PutRolePolicy; or ' +
      'iam:AttachRolePolicy or iam:PutRolePolicy with iam:UpdateAssumeRolePolicy. NotAction is read by what it excludes: everything but iam:*, organizations:* ' +
      'and account:* (a copy of PowerUserAccess) is not administrator access; everything but s3:* is.',
    remediation:
      'Replace the `*`/`*` statements with the actions and resources the holders need; use AdministratorAccess, deliberately, for break-glass roles only.',
    messages: {
      scoped: '{policy} does not grant administrator access',
      admin: '{policy} grants administrator access: {grant}',
      noPolicies: 'The account has no customer-managed or inline policies',
    },
  },
  async run(ctx) {
    const d = await ctx.aws.iam.authorizationDetails();
    // Inline policies have no ARN: one result per principal, over all of its inline policies.
    const inline = [...d.users, ...d.groups, ...d.roles]
      .filter((p) => p.inlinePolicies.length)
      .map((p) => ({
        resource: p.arn,
        policy: `inline policies of ${p.name}`,
        document: { Statement: p.inlinePolicies.flatMap((i) => [i.document.Statement ?? []].flat()) },
      }));
    const managed = d.policies.map((p) => ({ resource: p.arn, policy: p.name, document: p.document, attachments: p.attachmentCount }));
    const all = [...managed, ...inline];
    if (all.length === 0) return [ctx.notApplicable(ctx.target.resource, 'noPolicies')];
    return all.map(({ resource, document, ...rest }) => {
      const admin = adminGrant(document);
      return admin ? ctx.fail(resource, 'admin', { ...rest, ...admin }) : ctx.pass(resource, 'scoped', rest);
    });
  },
});
