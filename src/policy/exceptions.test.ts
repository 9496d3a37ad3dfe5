import { describe, expect, it } from 'vitest';
import type { Result } from '../core/types.js';
import { applyExceptions, exceptionKey, exceptionProblems, expiresWithin, isExpired, sourced, type Exception } from './exceptions.js';
import { nth } from '../../test/helpers/nth.js';

const now = new Date('2026-11-30T12:00:00Z');
const exception = (over: Partial<Exception> = {}): Exception => ({
  check: 'aws.s3.versioning',
  resources: ['arn:aws:s3:::legacy-*'],
  reason: 'legacy archive, replaced in Q1',
  approvedBy: 'ciso@example.com',
  expires: '2027-03-31',
  ...over,
});
const result = (status: Result['status'], resource = 'arn:aws:s3:::legacy-logs', checkId = 'aws.s3.versioning'): Result => ({
  checkId,
  resource,
  status,
  severity: 'medium',
  message: 'm',
  factRefs: [],
});

describe('exceptions (risk acceptance)', () => {
  it('waive a matching fail, keeping its real status, and record what they waived', () => {
    const { results, records } = applyExceptions(
      [result('fail'), result('fail', 'arn:aws:s3:::prod-data'), result('pass', 'arn:aws:s3:::legacy-other')],
      [exception({ ticket: 'RISK-12' })],
      now,
    );
    expect(results[0]).toMatchObject({
      status: 'fail',
      waiver: {
        check: 'aws.s3.versioning',
        resources: ['arn:aws:s3:::legacy-*'],
        reason: 'legacy archive, replaced in Q1',
        approvedBy: 'ciso@example.com',
        expires: '2027-03-31',
        ticket: 'RISK-12',
      },
    });
    expect(nth(results, 1).waiver).toBeUndefined();
    expect(nth(results, 2).waiver).toBeUndefined();
    expect(records).toEqual([expect.objectContaining({ state: 'active', waived: 1 })]);
  });

  it('never waive an error: a result that could not be evaluated is not an assessed risk', () => {
    expect(nth(applyExceptions([result('error')], [exception()], now).results, 0).waiver).toBeUndefined();
  });

  it('cover their expiry day whole and lapse the day after', () => {
    const e = exception({ expires: '2026-11-30' });
    expect(isExpired(e, now)).toBe(false);
    expect(isExpired(e, new Date('2026-12-01T00:00:00Z'))).toBe(true);
    const { results, records } = applyExceptions([result('fail')], [e], new Date('2026-12-01T00:00:00Z'));
    expect(nth(results, 0).waiver).toBeUndefined();
    expect(records[0]).toMatchObject({ state: 'expired', waived: 0 });
  });

  it('warn within 30 days of expiry, not before', () => {
    expect(expiresWithin(exception({ expires: '2026-12-29' }), now)).toBe(true);
    expect(expiresWithin(exception({ expires: '2027-01-31' }), now)).toBe(false);
    expect(expiresWithin(exception({ expires: '2026-11-01' }), now)).toBe(false);
  });

  it('refuse a new exception whose date is past, naming it, but let a known one lapse', () => {
    const past = sourced([exception({ expires: '2026-01-31' })], 'annexa.config.yaml');
    expect(exceptionProblems(past, ['aws.s3.versioning'], new Set(), now)).toEqual([
      'annexa.config.yaml: exceptions.0.expires: 2026-01-31 is already past for a new exception (check aws.s3.versioning)',
    ]);
    expect(exceptionProblems(past, ['aws.s3.versioning'], new Set([exceptionKey(nth(past, 0).exception)]), now)).toEqual([]);
  });

  it('refuse a check pattern that matches no check', () => {
    expect(exceptionProblems(sourced([exception({ check: 'aws.s3.versionin' })], 'x.yaml'), ['aws.s3.versioning'], new Set(), now)).toEqual(
      ['x.yaml: exceptions.0.check: aws.s3.versionin matches no check (see `annexa checks`)'],
    );
  });
});
