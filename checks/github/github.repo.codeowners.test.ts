import { describe, expect, it } from 'vitest';
import { branchRules, classicRule, repoDetails, repoSummary, ruleset } from '../../src/providers/github/fixtures.js';
import type { RepoDetails } from '../../src/providers/github/types.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.repo.codeowners.js';

const run = (details: Partial<RepoDetails>) =>
  runCheck(check, { repos: answers([repoSummary('api')]), codeowners: answers(codeownersOf(details)), branchRules: answers(branchRules(details)) });

/** What the codeowners accessor answers for these details (null for an empty repository). */
const codeownersOf = (details: Partial<RepoDetails>) => {
  const d = repoDetails('api', details);
  return d.defaultBranch ? { path: d.codeownersPath } : null;
};

describe('github.repo.codeowners', () => {
  it.each<[string, Partial<RepoDetails>, string]>([
    ['.github/CODEOWNERS and classic code-owner review', { codeownersPath: '.github/CODEOWNERS', branchProtectionRules: [classicRule({ requiresCodeOwnerReviews: true })] }, 'pass'],
    ['docs/CODEOWNERS and a ruleset requiring code-owner review', { codeownersPath: 'docs/CODEOWNERS', rulesets: [ruleset({}, { requireCodeOwnerReview: true })] }, 'pass'],
    ['no file, review required', { codeownersPath: null, branchProtectionRules: [classicRule({ requiresCodeOwnerReviews: true })] }, 'fail'],
    ['file, review not required', { codeownersPath: 'CODEOWNERS', branchProtectionRules: [classicRule()] }, 'fail'],
    ['file, no protection', { codeownersPath: 'CODEOWNERS' }, 'fail'],
  ])('%s → %s', async (_label, details, status) => {
    const [r] = await run(details);
    expect(r.status).toBe(status);
  });

  it('a file with hidden rules is an error naming admin', async () => {
    const [r] = await runCheck(check, {
      repos: answers([repoSummary('api')]),
      codeowners: answers({ path: 'CODEOWNERS' }),
      branchRules: failing({ permission: 'admin on the repository' }),
    });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('admin on the repository') });
  });

  it('an unreadable repository is an error', async () => {
    const [r] = await runCheck(check, { repos: answers([repoSummary('api')]), codeowners: failing({ kind: 'not_found', message: 'NOT_FOUND' }) });
    expect(r.status).toBe('error');
  });

  it('a CODEOWNERS path that could not be read is an error, never "no file"', async () => {
    const [r] = await runCheck(check, { repos: answers([repoSummary('api')]), codeowners: failing({ message: 'api: codeowners0 could not be read (FORBIDDEN)', permission: 'read access to .github/CODEOWNERS' }) });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('read access to .github/CODEOWNERS') });
  });

  it('an empty repository is not applicable', async () => {
    const [r] = await run({ defaultBranch: null });
    expect(r.status).toBe('not_applicable');
  });
});
