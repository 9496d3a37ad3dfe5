import { TARGET } from '../../test/support/github/facts.js';
import type { ActionsPolicy } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.org.actions-policy.js';

const policy = (over: Partial<ActionsPolicy>) =>
  answers<ActionsPolicy>({
    enabledRepositories: 'all',
    allowedActions: 'selected',
    defaultWorkflowPermissions: 'read',
    canApprovePullRequestReviews: false,
    selectedActions: { githubOwnedAllowed: true, verifiedAllowed: false, patternsAllowed: [] },
    ...over,
  });
const R = 'github:acme';

checkTester(check, { target: TARGET }).run({
  'selected actions with a read token pass': {
    facts: { actionsPolicy: policy({}) },
    results: [
      {
        resource: R,
        status: 'pass',
        messageId: 'restricted',
        observed: { org: 'acme', allowedActions: 'selected', workflowToken: 'read' },
      },
    ],
  },
  'local actions only with a read token pass': {
    facts: { actionsPolicy: policy({ allowedActions: 'local_only' }) },
    results: [{ resource: R, status: 'pass', messageId: 'restricted', observed: { allowedActions: 'local_only' } }],
  },
  'Actions disabled everywhere pass whatever else is set': {
    facts: { actionsPolicy: policy({ enabledRepositories: 'none', allowedActions: null, defaultWorkflowPermissions: 'write' }) },
    results: [{ resource: R, status: 'pass', messageId: 'disabled', observed: { org: 'acme', enabledRepositories: 'none' } }],
  },
  'all actions allowed fail': {
    facts: { actionsPolicy: policy({ allowedActions: 'all' }) },
    results: [{ resource: R, status: 'fail', messageId: 'open', observed: { problems: ['every action may run (allowed_actions: all)'] } }],
  },
  'a write token by default fails': {
    facts: { actionsPolicy: policy({ defaultWorkflowPermissions: 'write' }) },
    results: [{ resource: R, status: 'fail', messageId: 'open', observed: { problems: ['the default workflow token can write'] } }],
  },
  'both problems are named': {
    facts: { actionsPolicy: policy({ allowedActions: 'all', defaultWorkflowPermissions: 'write' }) },
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'open',
        message: 'every action may run (allowed_actions: all), the default workflow token can write',
      },
    ],
  },
  'workflows allowed to approve pull requests fail': {
    facts: { actionsPolicy: policy({ canApprovePullRequestReviews: true }) },
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'open',
        observed: {
          canApprovePullRequestReviews: true,
          problems: ['workflows may approve pull requests (can_approve_pull_request_reviews)'],
        },
      },
    ],
  },
  'selected actions with named patterns pass': {
    facts: {
      actionsPolicy: policy({
        selectedActions: { githubOwnedAllowed: true, verifiedAllowed: false, patternsAllowed: ['acme/*', 'docker/login-action@v3'] },
      }),
    },
    results: [
      {
        resource: R,
        status: 'pass',
        messageId: 'restricted',
        observed: { selectedActions: { patternsAllowed: ['acme/*', 'docker/login-action@v3'] } },
      },
    ],
  },
  'selected actions with a "*" pattern count as all actions': {
    facts: {
      actionsPolicy: policy({ selectedActions: { githubOwnedAllowed: true, verifiedAllowed: true, patternsAllowed: ['acme/*', '*'] } }),
    },
    results: [
      {
        resource: R,
        status: 'fail',
        messageId: 'open',
        observed: { problems: ['every action may run (selected actions allow the pattern *)'] },
      },
    ],
  },
  'selected actions with a "*/*" pattern count as all actions': {
    facts: { actionsPolicy: policy({ selectedActions: { githubOwnedAllowed: false, verifiedAllowed: false, patternsAllowed: ['*/*'] } }) },
    results: [{ resource: R, status: 'fail', messageId: 'open', message: 'the pattern */*' }],
  },
  'selected actions whose list was not collected are missing data': {
    facts: { actionsPolicy: policy({ selectedActions: null }) },
    results: [{ resource: R, status: 'error', messageId: 'missingData', message: 'selected-actions' }],
  },
  'a denied Actions policy is not collected, naming admin:org': {
    facts: { actionsPolicy: failing({ permission: 'admin:org scope' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'admin:org' }],
  },
});
