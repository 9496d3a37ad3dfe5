import { describe, expect, it } from 'vitest';
import type { ActionsPolicy } from '../../src/providers/github/types.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.org.actions-policy.js';

const policy = (over: Partial<ActionsPolicy>) =>
  answers<ActionsPolicy>({ enabledRepositories: 'all', allowedActions: 'selected', defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: false, ...over });

describe('github.org.actions-policy', () => {
  it.each<[string, Partial<ActionsPolicy>, string]>([
    ['selected actions, read token', {}, 'pass'],
    ['local actions only, read token', { allowedActions: 'local_only' }, 'pass'],
    ['Actions disabled', { enabledRepositories: 'none', allowedActions: null, defaultWorkflowPermissions: 'write' }, 'pass'],
    ['all actions allowed', { allowedActions: 'all' }, 'fail'],
    ['write token by default', { defaultWorkflowPermissions: 'write' }, 'fail'],
    ['both', { allowedActions: 'all', defaultWorkflowPermissions: 'write' }, 'fail'],
  ])('%s → %s', async (_label, over, status) => {
    const [r] = await runCheck(check, { actionsPolicy: policy(over) });
    expect(r.status).toBe(status);
  });

  it('names every problem', async () => {
    const [r] = await runCheck(check, { actionsPolicy: policy({ allowedActions: 'all', defaultWorkflowPermissions: 'write' }) });
    expect(r.message).toMatch(/every action may run.*default workflow token can write/);
  });

  it('a denied Actions policy is an error naming admin:org', async () => {
    const [r] = await runCheck(check, { actionsPolicy: failing({ permission: 'admin:org scope' }) });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('admin:org') });
  });
});
