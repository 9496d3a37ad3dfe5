import { TARGET } from '../../test/support/github/facts.js';
import type { ActionsPolicy } from '../../src/providers/github/types.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.org.actions-policy.js';

const policy = (over: Partial<ActionsPolicy>) =>
  answers<ActionsPolicy>({ enabledRepositories: 'all', allowedActions: 'selected', defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: false, ...over });
const R = 'github:acme';

checkTester(check, { target: TARGET }).run({
  'selected actions with a read token pass': {
    facts: { actionsPolicy: policy({}) },
    results: [{ resource: R, status: 'pass', messageId: 'restricted', observed: { org: 'acme', allowedActions: 'selected', workflowToken: 'read' } }],
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
    results: [{ resource: R, status: 'fail', messageId: 'open', message: 'every action may run (allowed_actions: all), the default workflow token can write' }],
  },
  'a denied Actions policy is not collected, naming admin:org': {
    facts: { actionsPolicy: failing({ permission: 'admin:org scope' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'admin:org' }],
  },
});
