import { describe, expect, it } from 'vitest';
import { decideGate, type FailOn } from './gate.js';
import type { Result, Severity, Status } from './types.js';

const r = (status: Status, severity: Severity, waived = false, checkId = 'x.y.z'): Result => ({
  checkId,
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
    [
      'an error beside a pass of its provider, with --allow-errors',
      [r('error', 'critical'), r('pass', 'low')],
      { allowErrors: true },
      true,
    ],
    ['a fail with --fail-on none', [r('fail', 'critical')], { failOn: 'none' as const }, true],
    ['a waived fail', [r('fail', 'critical', true)], {}, true],
  ])('%s → passed %s', (_, results, policy, passed) => {
    expect(decideGate(results, policy).passed).toBe(passed);
  });

  // Each --fail-on level against one fail of each severity: the gate fails exactly on those at or above the level.
  const levels: [FailOn, Severity[]][] = [
    ['critical', ['critical']],
    ['high', ['critical', 'high']],
    ['medium', ['critical', 'high', 'medium']],
    ['low', ['critical', 'high', 'medium', 'low']],
    ['none', []],
  ];
  it.each(levels)('--fail-on %s fails on a fail of severity %j and no other', (failOn, blocking) => {
    for (const severity of ['critical', 'high', 'medium', 'low', 'info'] as const) {
      expect(decideGate([r('fail', severity)], { failOn }).passed, `${severity} fail`).toBe(!blocking.includes(severity));
    }
  });

  it('says what blocked it and the rule, worst first', () => {
    const d = decideGate([r('error', 'low'), r('fail', 'medium'), r('fail', 'critical')], { failOn: 'medium' });
    expect(d.reason).toBe('2 medium+ fails and 1 error');
    expect(d.rule).toBe('a fail of severity medium or above or any error fails the gate');
    expect(d.blocking.map((b) => b.severity)).toEqual(['critical', 'medium', 'low']);
  });

  it('--allow-errors never passes a provider that collected nothing: every aws result an error fails the gate, and says why', () => {
    const results = [
      r('error', 'high', false, 'aws.iam.root-mfa'),
      r('error', 'low', false, 'aws.s3.versioning'),
      r('pass', 'high', false, 'tls.hsts'),
      r('error', 'low', false, 'tls.protocol-versions'),
    ];
    const d = decideGate(results, { allowErrors: true, failOn: 'none' });
    expect(d.passed).toBe(false);
    expect(d.reason).toBe('every aws result is an error (nothing was collected)');
    expect(d.rule).toBe('a provider whose every result is an error fails the gate');
    expect(d.blocking.map((b) => b.checkId).sort()).toEqual(['aws.iam.root-mfa', 'aws.s3.versioning']);
  });
});
