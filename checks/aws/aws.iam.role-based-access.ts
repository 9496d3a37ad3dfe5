import { defineCheck } from '../../src/core/check.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.role-based-access',
    title: 'Users get permissions through groups or roles',
    provider: 'aws',
    severity: 'medium',
    description:
      'No IAM user has a managed policy attached directly or an inline policy: permissions come from groups or roles, so access follows job function.',
    remediation:
      'Move the listed policies to a group (or a role the user assumes), add the user to it, and detach the policies from the user.',
    messages: {
      viaGroups: '{user} has no policy of its own',
      direct: '{user} has policies attached directly: {policies}',
      noUsers: 'The account has no IAM users',
    },
  },
  async run(ctx) {
    const { users } = await ctx.aws.iam.authorizationDetails();
    if (users.length === 0) return [ctx.notApplicable(ctx.target.resource, 'noUsers')];
    return users.map((u) => {
      const policies = [...u.attachedPolicies.map((p) => p.name), ...u.inlinePolicies.map((p) => `${p.name} (inline)`)];
      const observed = { user: u.name, groups: u.groups, policies };
      return policies.length ? ctx.fail(u.arn, 'direct', observed) : ctx.pass(u.arn, 'viaGroups', observed);
    });
  },
});
