import { defineCheck } from '../../src/core/check.js';

export default defineCheck({
  meta: {
    id: 'github.org.actions-policy',
    title: 'GitHub Actions runs only allowed actions with a read-only token by default',
    provider: 'github',
    severity: 'medium',
    description: 'Allowing all actions lets any third-party code run in workflows; a default write token lets every workflow change the code it builds.',
    remediation: 'Organisation settings → Actions → General: allow only local or selected actions, and set "Workflow permissions" to read repository contents.',
    messages: {
      restricted: 'Actions in {org}: allowed actions "{allowedActions}", default workflow token "{workflowToken}"',
      disabled: 'Actions are disabled for every repository of {org}',
      open: 'Actions in {org}: {problems}',
    },
  },
  async run(ctx) {
    const p = await ctx.github.actionsPolicy();
    const r = ctx.target.resource;
    const org = r.replace(/^github:/, '');
    const observed = { org, enabledRepositories: p.enabledRepositories, allowedActions: p.allowedActions, workflowToken: p.defaultWorkflowPermissions };
    if (p.enabledRepositories === 'none') return [ctx.pass(r, 'disabled', observed)];
    const problems = [
      ...(p.allowedActions === 'all' || p.allowedActions === null ? [`every action may run (allowed_actions: ${p.allowedActions ?? 'unset'})`] : []),
      ...(p.defaultWorkflowPermissions !== 'read' ? [`the default workflow token can ${p.defaultWorkflowPermissions}`] : []),
    ];
    return [problems.length === 0 ? ctx.pass(r, 'restricted', observed) : ctx.fail(r, 'open', { ...observed, problems })];
  },
});
