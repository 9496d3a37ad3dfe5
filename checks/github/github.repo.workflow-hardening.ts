import { defineCheck } from '../../src/core/check.js';
import { EMPTY_REPO, NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';
import { analyseWorkflow, type WorkflowFinding } from '../../src/judging/github/workflow-rules.js';

export default defineCheck({
  meta: {
    id: 'github.repo.workflow-hardening',
    title: 'GitHub Actions workflows are hardened',
    provider: 'github',
    severity: 'high',
    description:
      'Reads every workflow file (.github/workflows/*.yml|yaml, not subfolders: GitHub runs only those) of the default branch, parsed as YAML, ' +
      "and fails, naming file and line, on: (1) a job with neither a top-level nor a job-level permissions: block while the organisation's " +
      'default GITHUB_TOKEN is read-write (default_workflow_permissions "write"; with "read" such jobs get read-only contents and metadata, so ' +
      "the rule is skipped); a repository may lower its own default, which this check does not read, so it judges by the organisation's; " +
      "(2) a pull_request_target or workflow_run workflow (which run with the base repository's secrets and token) that checks out the pull " +
      "request's head (actions/checkout with a ref from github.event.pull_request.head, github.head_ref, workflow_run.head_*, refs/pull/, or " +
      'gh pr checkout in a run: script); (3) a ${{ }} expression in a run: script that carries text an outsider writes (issue, pull request, ' +
      'comment, review and discussion titles and bodies, branch names, commit messages and author names and e-mails); (4) an action or ' +
      'reusable workflow not pinned to a full 40-character commit SHA (a tag or branch can be moved; docker:// images need an @sha256 digest; ' +
      "local ./ actions are exempt; set exemptOwnActions to exempt actions/* and the organisation's own). A workflow that does not parse fails " +
      "with the parser's message; one GitHub gave no text for (binary, or truncated as too large) is an error. A repository without " +
      'workflows passes.',
    remediation:
      'Add `permissions: contents: read` at the top of each workflow (granting more per job), never check out pull-request code in ' +
      'pull_request_target or workflow_run workflows, pass event text to scripts through env: variables instead of ${{ }}, and pin ' +
      'every third-party action to a full commit SHA (with the tag in a comment).',
    messages: {
      ...NO_REPOS,
      ...EMPTY_REPO,
      hardened: '{files} workflow file(s) checked, no finding',
      noWorkflows: 'No workflow file in .github/workflows',
      findings: '{count} finding(s): {summary}',
      unparsable: '{path} does not parse: {parseError}',
    },
    settings: {
      exemptOwnActions: {
        type: 'boolean',
        default: false,
        description: "Accept actions of the organisation itself and of GitHub's actions/* pinned to a tag or branch.",
      },
    },
  },
  async run(ctx) {
    const org = ctx.target.resource.replace(/^github:/, '');
    const exempt = ctx.settings.exemptOwnActions ? ['actions', org] : [];
    let tokenIsWrite: Promise<boolean> | undefined;
    return eachRepo(ctx, async (repo) => {
      const files = await ctx.github.workflows(repo.name);
      if (!files) return ctx.notApplicable(repo.resource, 'empty');
      if (files.length === 0) return ctx.pass(repo.resource, 'noWorkflows', { files: 0 });
      const unreadable = files.find((f) => f.text === null);
      if (unreadable)
        return ctx.missing(repo.resource, `${unreadable.path}: ${unreadable.problem ?? 'no text'}`, { path: unreadable.path });
      let findings: WorkflowFinding[] = [];
      for (const file of files) {
        const analysis = analyseWorkflow(file.path, file.text ?? '', { exemptOwners: exempt });
        if ('parseError' in analysis) return ctx.fail(repo.resource, 'unparsable', { path: file.path, parseError: analysis.parseError });
        findings.push(...analysis.findings);
      }
      const others = findings.filter((f) => f.rule !== 'permissions');
      let workflowToken = 'not needed';
      if (others.length < findings.length) {
        // Read only when a job relies on the default token: the organisation setting needs an owner's token.
        tokenIsWrite ??= ctx.github.workflowPermissions().then((p) => p.defaultWorkflowPermissions !== 'read');
        const write = await tokenIsWrite.catch((err: unknown) => {
          if (others.length === 0) throw err;
          return undefined;
        });
        workflowToken = write === undefined ? 'not collected' : write ? 'write' : 'read';
        // A read-only default makes a missing permissions: block harmless; an unknown one is judged on the other rules alone.
        if (write !== true) findings = others;
      }
      const observed = {
        files: files.length,
        workflowToken,
        count: findings.length,
        findings,
        summary: findings.map((f) => `${f.path}:${f.line} ${f.detail}`).join('; '),
      };
      return findings.length ? ctx.fail(repo.resource, 'findings', observed) : ctx.pass(repo.resource, 'hardened', observed);
    });
  },
});
