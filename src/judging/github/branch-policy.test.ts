import { describe, expect, it } from 'vitest';
import { classicRule, ruleset } from '../../../test/support/github/facts.js';
import { combine, judgeProtection, sourcesOf } from './branch-policy.js';

describe('combining sources', () => {
  it('takes the most restrictive setting of each', () => {
    const sources = sourcesOf({
      branch: 'main',
      classic: classicRule({ requiredApprovingReviewCount: 2, allowsDeletions: true }),
      rulesets: [ruleset({}, { requiredApprovingReviewCount: 1 })],
    });
    expect(combine(sources)).toMatchObject({ approvals: 2, blocksDeletion: true, blocksForcePush: true, dismissStale: true });
  });
  it('a requirement met only by a bypassable source fails, naming who bypasses it', () => {
    const verdict = judgeProtection({ branch: 'main', classic: classicRule({ isAdminEnforced: false }), rulesets: [] }, 1);
    expect(verdict).toEqual({
      verdict: 'fail',
      sources: ['branch protection "main"'],
      shortfalls: ['branch protection "main" can be bypassed by RepositoryRole:admin'],
    });
  });
  it('pull-request allowances matter only when pull requests are required, force-push ones only when force pushes are blocked', () => {
    const rule = classicRule({
      requiresApprovingReviews: false,
      allowsForcePushes: true,
      bypassPullRequestActors: ['Team:x'],
      bypassForcePushActors: ['App:y'],
    });
    expect(sourcesOf({ branch: 'main', classic: rule, rulesets: [] })[0]?.bypassers).toEqual([]);
  });
  it('a hidden bypass list on the only source that would pass is unknown, not a pass', () => {
    expect(judgeProtection({ branch: 'main', classic: null, rulesets: [ruleset({ bypassActors: null })] }, 1).verdict).toBe('unknown');
  });
  it('no source at all lists every shortfall', () => {
    const verdict = judgeProtection({ branch: 'main', classic: null, rulesets: [] }, 1);
    expect(verdict.verdict === 'fail' && verdict.shortfalls).toHaveLength(4);
  });
});
