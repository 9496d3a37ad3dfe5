import { describe, expect, it } from 'vitest';
import { branchRules, classicRule, repoSummary, ruleset } from '../../src/providers/github/fixtures.js';
import type { RepoDetails } from '../../src/providers/github/types.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.repo.branch-protection.js';

const run = (details: Partial<RepoDetails>, settings = {}) =>
  runCheck(check, { repos: answers([repoSummary('api')]), branchRules: answers(branchRules(details)) }, { settings });

describe('github.repo.branch-protection', () => {
  it.each<[string, Partial<RepoDetails>, string]>([
    ['classic protection that meets every requirement', { branchProtectionRules: [classicRule()] }, 'pass'],
    ['a ruleset alone', { rulesets: [ruleset()] }, 'pass'],
    ['a ruleset through ~ALL', { rulesets: [ruleset({ refInclude: ['~ALL'] })] }, 'pass'],
    ['a ruleset by glob', { rulesets: [ruleset({ refInclude: ['refs/heads/ma*'] })] }, 'pass'],
    ['classic without admin enforcement, covered by a ruleset without bypass', { branchProtectionRules: [classicRule({ isAdminEnforced: false })], rulesets: [ruleset()] }, 'pass'],
    ['split: approvals in classic, force push block in ruleset', { branchProtectionRules: [classicRule({ allowsForcePushes: true })], rulesets: [ruleset()] }, 'pass'],
    ['nothing', {}, 'fail'],
    ['a rule for another branch', { branchProtectionRules: [classicRule({ pattern: 'release/*' })] }, 'fail'],
    ['no approvals required', { branchProtectionRules: [classicRule({ requiredApprovingReviewCount: 0 })] }, 'fail'],
    ['stale approvals kept', { branchProtectionRules: [classicRule({ dismissesStaleReviews: false })] }, 'fail'],
    ['force pushes allowed', { branchProtectionRules: [classicRule({ allowsForcePushes: true })] }, 'fail'],
    ['deletion allowed', { branchProtectionRules: [classicRule({ allowsDeletions: true })] }, 'fail'],
    ['admins not enforced', { branchProtectionRules: [classicRule({ isAdminEnforced: false })] }, 'fail'],
    ['ruleset in evaluate mode', { rulesets: [ruleset({ enforcement: 'EVALUATE' })] }, 'fail'],
    ['ruleset that excludes the default branch', { rulesets: [ruleset({ refExclude: ['refs/heads/main'] })] }, 'fail'],
    ['ruleset that org admins bypass', { rulesets: [ruleset({ bypassActors: [{ bypassMode: 'ALWAYS', organizationAdmin: true, enterpriseOwner: false, deployKey: false, repositoryRoleName: null, repositoryRoleDatabaseId: null, actor: null }] })] }, 'fail'],
    ['ruleset that the admin role bypasses', { rulesets: [ruleset({ bypassActors: [{ bypassMode: 'PULL_REQUEST', organizationAdmin: false, enterpriseOwner: false, deployKey: false, repositoryRoleName: 'admin', repositoryRoleDatabaseId: 5, actor: null }] })] }, 'fail'],
  ])('%s → %s', async (_label, details, status) => {
    const [r] = await run(details);
    expect(r.status).toBe(status);
    expect(r.resource).toBe('github:acme/api');
  });

  it('says what falls short', async () => {
    const [r] = await run({ branchProtectionRules: [classicRule({ allowsForcePushes: true, dismissesStaleReviews: false })] });
    expect(r.observed?.shortfalls).toEqual(['stale approvals are not dismissed', 'force pushes are allowed']);
  });

  it('the number of approvals is a setting', async () => {
    const [r] = await run({ branchProtectionRules: [classicRule()] }, { minApprovals: 2 });
    expect(r).toMatchObject({ status: 'fail', message: expect.stringContaining('2 approval(s), found 1') });
  });

  it('a ruleset whose bypass list is hidden is an error, not a pass', async () => {
    const [r] = await run({ rulesets: [ruleset({ bypassActors: null })] });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('admin on the repository') });
  });

  it('an empty repository is not applicable', async () => {
    const [r] = await run({ defaultBranch: null });
    expect(r.status).toBe('not_applicable');
  });

  it('rules the token may not read are an error for that repository only', async () => {
    const results = await runCheck(check, {
      repos: answers([repoSummary('api'), repoSummary('web')]),
      branchRules: async (name: string) => {
        if (name === 'api') return failing({ permission: 'admin on the repository' })();
        return branchRules({ rulesets: [ruleset()] });
      },
    });
    expect(results.map((r) => [r.resource, r.status])).toEqual([['github:acme/api', 'error'], ['github:acme/web', 'pass']]);
    expect(results[0].message).toContain('admin on the repository');
  });
});
