import { describe, expect, it } from 'vitest';
import { branchRules, classicRule, repoSummary, ruleset } from '../../src/providers/github/fixtures.js';
import type { RepoDetails } from '../../src/providers/github/types.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.repo.status-checks.js';

const checksRule = { type: 'REQUIRED_STATUS_CHECKS', parameters: { requiredStatusChecks: [{ context: 'ci/test' }], strictRequiredStatusChecksPolicy: true } };
const run = (details: Partial<RepoDetails>) => runCheck(check, { repos: answers([repoSummary('api')]), branchRules: answers(branchRules(details)) });

describe('github.repo.status-checks', () => {
  it.each<[string, Partial<RepoDetails>, string]>([
    ['classic required checks', { branchProtectionRules: [classicRule({ requiresStatusChecks: true, requiredStatusCheckContexts: ['build'] })] }, 'pass'],
    ['a ruleset with required checks', { rulesets: [ruleset({ rules: [checksRule] })] }, 'pass'],
    ['protection without checks', { branchProtectionRules: [classicRule()] }, 'fail'],
    ['checks switched off with contexts left behind', { branchProtectionRules: [classicRule({ requiresStatusChecks: false, requiredStatusCheckContexts: ['build'] })] }, 'fail'],
    ['a ruleset with checks that is disabled', { rulesets: [ruleset({ enforcement: 'DISABLED', rules: [checksRule] })] }, 'fail'],
    ['no protection', {}, 'fail'],
  ])('%s → %s', async (_label, details, status) => {
    const [r] = await run(details);
    expect(r.status).toBe(status);
  });

  it('lists the checks', async () => {
    const [r] = await run({ rulesets: [ruleset({ rules: [checksRule] })], branchProtectionRules: [classicRule({ requiresStatusChecks: true, requiredStatusCheckContexts: ['build'] })] });
    expect(r.observed?.checks).toEqual(['build', 'ci/test']);
  });

  it('is an error naming admin when the rules are hidden', async () => {
    const [r] = await runCheck(check, { repos: answers([repoSummary('api')]), branchRules: failing({ permission: 'admin on the repository' }) });
    expect(r).toMatchObject({ status: 'error', resource: 'github:acme/api', message: expect.stringContaining('admin on the repository') });
  });

  it('an empty repository is not applicable', async () => {
    const [r] = await run({ defaultBranch: null });
    expect(r.status).toBe('not_applicable');
  });
});
