import { NO_REPOS_CASE, TARGET, repoSummary } from '../../test/support/github/facts.js';
import type { WorkflowFile, WorkflowPermissions } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.repo.workflow-hardening.js';

const R = 'github:acme/api';
const SHA = 'b4ffde65f46336ab88eb53be808477a3936bae11';
const token = (defaultWorkflowPermissions: string) =>
  answers<WorkflowPermissions>({ defaultWorkflowPermissions, canApprovePullRequestReviews: false });
const facts = (files: WorkflowFile[] | null, tokenFact = token('write')) => ({
  repos: answers([repoSummary('api')]),
  workflows: answers(files),
  workflowPermissions: tokenFact,
});
const file = (text: string, name = 'ci.yml'): WorkflowFile => ({ path: `.github/workflows/${name}`, text });

const HARDENED = `on: [push, pull_request]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${SHA} # v4
      - run: npm test
`;
const NO_PERMISSIONS = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@${SHA}
`;

checkTester(check, { target: TARGET }).run({
  'pinned actions with a permissions block pass': {
    facts: facts([file(HARDENED)]),
    results: [{ resource: R, status: 'pass', messageId: 'hardened', observed: { files: 1, count: 0 } }],
  },
  'a repository without workflows passes': {
    facts: facts([]),
    results: [{ resource: R, status: 'pass', messageId: 'noWorkflows', observed: { files: 0 } }],
  },
  'a job without permissions under a read-write default fails at its line': {
    facts: facts([file(NO_PERMISSIONS)]),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'findings',
        message: '.github/workflows/ci.yml:3 job "build" has no permissions: block',
        observed: { workflowToken: 'write', findings: [{ path: '.github/workflows/ci.yml', line: 3, rule: 'permissions' }] },
      },
    ],
  },
  'a job without permissions under a read-only default passes': {
    facts: facts([file(NO_PERMISSIONS)], token('read')),
    results: [{ resource: R, status: 'pass', messageId: 'hardened', observed: { workflowToken: 'read' } }],
  },
  'a job-level permissions block is enough': {
    facts: facts([file(NO_PERMISSIONS.replace('    runs-on:', '    permissions: {}\n    runs-on:'))]),
    results: [{ resource: R, status: 'pass', messageId: 'hardened', observed: { workflowToken: 'not needed' } }],
  },
  'pull_request_target checking out the head, with injected titles and a tag-pinned action, fails on each': {
    facts: facts([
      file(
        `on:
  pull_request_target:
    types: [opened]
permissions: { contents: read }
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: |
          echo "Thanks for \${{ github.event.pull_request.title }}"
      - uses: docker://alpine:3
`,
        'greet.yaml',
      ),
    ]),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'findings',
        observed: {
          count: 4,
          findings: [
            { line: 9, rule: 'unpinned-action' },
            { line: 11, rule: 'untrusted-checkout' },
            { line: 12, rule: 'script-injection' },
            { line: 14, rule: 'unpinned-action' },
          ],
        },
      },
    ],
  },
  'workflow_run running gh pr checkout fails; commit messages in run: fail': {
    facts: facts([
      file(`on: { workflow_run: { workflows: [ci], types: [completed] } }
permissions: read-all
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - run: gh pr checkout \${{ github.event.workflow_run.pull_requests[0].number }}
      - run: echo "\${{ github.event.head_commit.message }}"
`),
    ]),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'findings',
        observed: {
          findings: [
            { line: 7, rule: 'untrusted-checkout' },
            { line: 8, rule: 'script-injection' },
          ],
        },
      },
    ],
  },
  'exempted owners may pin by tag when the setting says so': {
    facts: facts([
      file(HARDENED.replace(`actions/checkout@${SHA}`, 'actions/checkout@v4').replace('npm test', 'true\n      - uses: acme/deploy@main')),
    ]),
    settings: { exemptOwnActions: true },
    results: [{ resource: R, status: 'pass', messageId: 'hardened' }],
  },
  'a workflow that does not parse fails with the parser message': {
    facts: facts([file(HARDENED), file('on: push\njobs:\n  a: [unclosed\n', 'broken.yml')]),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'unparsable',
        observed: { path: '.github/workflows/broken.yml' },
        message: '.github/workflows/broken.yml does not parse',
      },
    ],
  },
  'a workflow GitHub gave no text for is missing data, never a pass': {
    facts: facts([{ path: '.github/workflows/big.yml', text: null, problem: 'GitHub truncated its text (too large)' }]),
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'truncated' }],
  },
  'an unknown token default with only missing permissions is not collected, naming admin:org': {
    facts: facts([file(NO_PERMISSIONS)], failing({ permission: 'organization owner with the admin:org scope' })),
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'admin:org' }],
  },
  'an unknown token default does not hide other findings': {
    facts: facts([file(NO_PERMISSIONS.replace(`@${SHA}`, '@v4'))], failing({ permission: 'admin:org' })),
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'findings',
        observed: { workflowToken: 'not collected', findings: [{ rule: 'unpinned-action' }] },
      },
    ],
  },
  'workflow files that could not be read are not collected': {
    facts: { repos: answers([repoSummary('api')]), workflows: failing({ permission: 'read access to .github/workflows' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'read access to .github/workflows' }],
  },
  'an empty repository is not applicable': {
    facts: facts(null),
    results: [{ resource: R, status: 'not_applicable', messageId: 'empty' }],
  },
  'no repository in scope': NO_REPOS_CASE,
});
