import { TARGET } from '../../test/support/github/facts.js';
import { checkTester } from '../../src/testing/check-tester.js';
import { answers, failing } from '../../src/testing/run-check.js';
import check from './github.org.workflow-token.js';

const R = 'github:acme';
const token = (defaultWorkflowPermissions: string) => ({
  workflowPermissions: answers({ defaultWorkflowPermissions, canApprovePullRequestReviews: false }),
});

checkTester(check, { target: TARGET }).run({
  'a read-only default passes': {
    facts: token('read'),
    results: [{ resource: R, status: 'pass', messageId: 'readOnly', observed: { org: 'acme', workflowToken: 'read' } }],
  },
  'a read-write default fails': {
    facts: token('write'),
    results: [{ resource: R, status: 'fail', messageId: 'readWrite', observed: { workflowToken: 'write' } }],
  },
  'a value GitHub does not document fails closed': {
    facts: token('undefined'),
    results: [{ resource: R, status: 'fail', messageId: 'readWrite' }],
  },
  'a token that is not an owner is not collected, naming admin:org': {
    facts: { workflowPermissions: failing({ permission: 'organization owner with the admin:org scope' }) },
    results: [{ resource: R, status: 'error', messageId: 'notCollected', message: 'admin:org' }],
  },
});
