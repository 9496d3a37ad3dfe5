import { defineCheck } from '../../src/core/check.js';
import type { ActionsPolicy } from '../../src/providers/github/types.js';

// A pattern that matches every action: only wildcards, slashes and "@" ("*", "*/*", "*/*@*").
const matchesAll = (pattern: string) => /^[*/@]+$/.test(pattern.trim()) && pattern.includes('*');

/** What lets code outside the organisation's review run, or change code, through Actions. */
function problems(p: ActionsPolicy): string[] {
  const selected = p.selectedActions;
  const everything =
    p.allowedActions === 'all' || p.allowedActions === null
      ? [`every action may run (allowed_actions: ${p.allowedActions ?? 'unset'})`]
      : p.allowedActions === 'selected' && selected?.patternsAllowed.some(matchesAll)
        ? [`every action may run (selected actions allow the pattern ${selected.patternsAllowed.filter(matchesAll).join(', ')})`]
        : [];
  return [
    ...everything,
    ...(p.defaultWorkflowPermissions !== 'read' ? [`the default workflow token can ${p.defaultWorkflowPermissions}`] : []),
    ...(p.canApprovePullRequestReviews ? ['workflows may approve pull requests (can_approve_pull_request_reviews)'] : []),
  ];
}

export default defineCheck({
  meta: {
    id: 'github.org.actions-policy',
    title: 'GitHub Actions runs only allowed actions, with a read-only token that cannot approve pull requests',
    provider: 'github',
    severity: 'medium',
    description:
      'Allowing all actions lets any third-party code run in workflows; a default write token lets every workflow change the code it builds; and a ' +
      'workflow allowed to approve pull requests (can_approve_pull_request_reviews) can satisfy a required approval with GITHUB_TOKEN, so one person ' +
      'can merge unreviewed code. allowed_actions "all" (or absent) fails; "selected" is read from the selected-actions list, and a pattern made only ' +
      'of wildcards ("*", "*/*") counts as all (GitHub documents patterns_allowed as applying to public repositories only, so it is judged as written). ' +
      'Actions disabled for every repository passes.',
    remediation:
      'Organisation settings → Actions → General: allow only local or selected actions (without a "*" pattern), set "Workflow permissions" to read ' +
      'repository contents, and clear "Allow GitHub Actions to create and approve pull requests".',
    messages: {
      restricted:
        'Actions in {org}: allowed actions "{allowedActions}", default workflow token "{workflowToken}", workflows cannot approve pull requests',
      disabled: 'Actions are disabled for every repository of {org}',
      open: 'Actions in {org}: {problems}',
    },
  },
  async run(ctx) {
    const p = await ctx.github.actionsPolicy();
    const r = ctx.target.resource;
    const org = r.replace(/^github:/, '');
    const observed = {
      org,
      enabledRepositories: p.enabledRepositories,
      allowedActions: p.allowedActions,
      workflowToken: p.defaultWorkflowPermissions,
      canApprovePullRequestReviews: p.canApprovePullRequestReviews,
      ...(p.selectedActions ? { selectedActions: p.selectedActions } : {}),
    };
    if (p.enabledRepositories === 'none') return [ctx.pass(r, 'disabled', observed)];
    if (p.allowedActions === 'selected' && !p.selectedActions)
      return [ctx.missing(r, `the selected-actions list of ${org} was not collected`, observed)];
    const found = problems(p);
    return [found.length === 0 ? ctx.pass(r, 'restricted', observed) : ctx.fail(r, 'open', { ...observed, problems: found })];
  },
});
