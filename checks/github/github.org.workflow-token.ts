import { defineCheck } from '../../src/core/check.js';

export default defineCheck({
  meta: {
    id: 'github.org.workflow-token',
    title: "The organisation's default GITHUB_TOKEN is read-only",
    provider: 'github',
    severity: 'high',
    description:
      'GET /orgs/{org}/actions/permissions/workflow: default_workflow_permissions is "read" (GITHUB_TOKEN gets contents and metadata read ' +
      'only) or "write" (read and write on every scope GitHub grants by default), applied to every workflow that sets no permissions: block. ' +
      '"read" passes; "write", or any other value, fails. The route needs an organisation owner with the admin:org scope; GitHub answers 403 ' +
      'to others, which is an error, never a pass. Whether workflows may approve pull requests is judged by github.org.actions-policy.',
    remediation: 'Organisation settings → Actions → General → Workflow permissions: "Read repository contents and packages permissions".',
    messages: {
      readOnly: 'The default GITHUB_TOKEN of {org} is read-only',
      readWrite: 'The default GITHUB_TOKEN of {org} is "{workflowToken}": every workflow without a permissions: block can write',
    },
  },
  async run(ctx) {
    const p = await ctx.github.workflowPermissions();
    const r = ctx.target.resource;
    const observed = { org: r.replace(/^github:/, ''), workflowToken: p.defaultWorkflowPermissions };
    return [p.defaultWorkflowPermissions === 'read' ? ctx.pass(r, 'readOnly', observed) : ctx.fail(r, 'readWrite', observed)];
  },
});
