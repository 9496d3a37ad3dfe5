import { defineCheck } from '../../src/core/check.js';
import { adminStatements } from '../../src/judging/aws/policy.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.no-admin-policies',
    title: 'No customer policy grants full administrative access',
    provider: 'aws',
    severity: 'high',
    description: 'No customer-managed policy (default version) and no inline policy allows `*` actions (or NotAction) on `*` resources.',
    remediation: 'Replace the `*`/`*` statements with the actions and resources the holders need; use AdministratorAccess, deliberately, for break-glass roles only.',
    messages: {
      scoped: 'No `*` action on `*` resources in {policy}',
      admin: '`*` actions on `*` resources allowed by {policy}',
      noPolicies: 'The account has no customer-managed or inline policies',
    },
  },
  async run(ctx) {
    const d = await ctx.aws.iam.authorizationDetails();
    // Inline policies have no ARN: one result per principal, over all of its inline policies.
    const inline = [...d.users, ...d.groups, ...d.roles]
      .filter((p) => p.inlinePolicies.length)
      .map((p) => ({ resource: p.arn, policy: `inline policies of ${p.name}`, document: { Statement: p.inlinePolicies.flatMap((i) => [i.document.Statement ?? []].flat()) } }));
    const managed = d.policies.map((p) => ({ resource: p.arn, policy: p.name, document: p.document, attachments: p.attachmentCount }));
    const all = [...managed, ...inline];
    if (all.length === 0) return [ctx.notApplicable(ctx.target.resource, 'noPolicies')];
    return all.map(({ resource, document, ...rest }) => {
      const statements = adminStatements(document);
      return statements.length ? ctx.fail(resource, 'admin', { ...rest, statements }) : ctx.pass(resource, 'scoped', rest);
    });
  },
});
