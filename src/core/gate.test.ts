import { describe, expect, it } from 'vitest';
import { decideGate } from './gate.js';
import type { Result, Severity, Status } from './types.js';

const r = (status: Status, severity: Severity, waived = false): Result => ({
  checkId: 'x.y.z',
  resource: 'r',
  status,
  severity,
  message: 'm',
  factRefs: [],
  ...(waived ? { waiver: { reason: 'accepted risk', expires: '2099-01-01' } } : {}),
});

describe('the CI gate', () => {
  it.each([
    ['no results', [], {}, true],
    ['only passes and n/a', [r('pass', 'critical'), r('not_applicable', 'high')], {}, true],
    ['a low fail, by default', [r('fail', 'low')], {}, false],
    ['a low fail with --fail-on high', [r('fail', 'low')], { failOn: 'high' as const }, true],
    ['a high fail with --fail-on high', [r('fail', 'high')], { failOn: 'high' as const }, false],
    ['a critical fail with --fail-on high', [r('fail', 'critical')], { failOn: 'high' as const }, false],
    ['an error, even with --fail-on none', [r('error', 'info')], { failOn: 'none' as const }, false],
    ['an error with --allow-errors', [r('error', 'critical')], { allowErrors: true }, true],
    ['a fail with --fail-on none', [r('fail', 'critical')], { failOn: 'none' as const }, true],
    ['a waived fail', [r('fail', 'critical', true)], {}, true],
  ])('%s → passed %s', (_, results, policy, passed) => {
    expect(decideGate(results, policy).passed).toBe(passed);
  });

  it('says what blocked it and the rule, worst first', () => {
    const d = decideGate([r('error', 'low'), r('fail', 'medium'), r('fail', 'critical')], { failOn: 'medium' });
    expect(d.reason).toBe('2 medium+ fails and 1 error');
    expect(d.rule).toBe('a fail of severity medium or above or any error fails the gate');
    expect(d.blocking.map((b) => b.severity)).toEqual(['critical', 'medium', 'low']);
  });
});
