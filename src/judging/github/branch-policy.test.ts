import { describe, expect, it } from 'vitest';
import { classicRule, ruleset } from '../../../test/support/github/facts.js';
import { combine, judgeProtection, sourcesOf } from './branch-policy.js';

describe('combining sources', () => {
  it('takes the most restrictive setting of each', () => {
    const sources = sourcesOf({ branch: 'main', classic: classicRule({ requiredApprovingReviewCount: 2, allowsDeletions: true }), rulesets: [ruleset({}, { requiredApprovingReviewCount: 1 })] });
    expect(combine(sources)).toMatchObject({ approvals: 2, blocksDeletion: true, blocksForcePush: true, dismissStale: true });
  });
  it('a requirement met only by a bypassable source fails as an admin bypass', () => {
    const verdict = judgeProtection({ branch: 'main', classic: classicRule({ isAdminEnforced: false }), rulesets: [] }, 1);
    expect(verdict).toEqual({ verdict: 'fail', sources: ['branch protection "main"'], shortfalls: ['admins can bypass the protection'] });
  });
  it('no source at all lists every shortfall', () => {
    const verdict = judgeProtection({ branch: 'main', classic: null, rulesets: [] }, 1);
    expect(verdict.verdict === 'fail' && verdict.shortfalls).toHaveLength(4);
  });
});
