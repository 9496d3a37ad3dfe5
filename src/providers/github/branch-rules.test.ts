import { describe, expect, it } from 'vitest';
import { classicRule, ruleset } from '../../../test/support/github/facts.js';
import { classicRuleFor, rulesetApplies } from './branch-rules.js';

describe('which classic rule protects the default branch', () => {
  it('a rule naming the branch wins; otherwise the oldest matching pattern (listed first)', () => {
    const rules = [classicRule({ pattern: 'ma?n' }), classicRule({ pattern: '*' }), classicRule({ pattern: 'main' })];
    expect(classicRuleFor(rules, 'main')?.pattern).toBe('main');
    expect(classicRuleFor(rules.slice(0, 2), 'main')?.pattern).toBe('ma?n');
  });
  it('a `*` does not cross a slash', () => {
    expect(classicRuleFor([classicRule({ pattern: 'release/*' })], 'release/1.x')?.pattern).toBe('release/*');
    expect(classicRuleFor([classicRule({ pattern: '*' })], 'release/1.x')).toBeNull();
  });
});

describe('which rulesets apply to the default branch', () => {
  it.each([
    [['~DEFAULT_BRANCH'], [], true],
    [['~ALL'], [], true],
    [['refs/heads/main'], [], true],
    [['refs/heads/**'], [], true],
    [['refs/heads/release/*'], [], false],
    [['~ALL'], ['refs/heads/main'], false],
    [[], [], false],
  ])('include %j exclude %j → %s', (include, exclude, applies) => {
    expect(rulesetApplies(ruleset({ refInclude: include, refExclude: exclude }), 'main')).toBe(applies);
  });
  it('only active branch rulesets with ref conditions apply', () => {
    expect(rulesetApplies(ruleset({ enforcement: 'EVALUATE' }), 'main')).toBe(false);
    expect(rulesetApplies(ruleset({ target: 'TAG' }), 'main')).toBe(false);
    expect(rulesetApplies(ruleset({ refInclude: null }), 'main')).toBe(false);
    expect(rulesetApplies(ruleset({ enforcement: 'active', target: 'branch' }), 'main')).toBe(true);
  });
});
