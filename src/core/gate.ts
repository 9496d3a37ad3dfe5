import { SEVERITIES, type Result, type Severity } from './types.js';

export type FailOn = Severity | 'none';

export interface GatePolicy {
  /** Lowest severity of a `fail` that fails the gate; undefined means any fail. */
  failOn?: FailOn;
  /** When true, `error` results do not fail the gate (they still show). */
  allowErrors?: boolean;
}

export interface GateDecision {
  passed: boolean;
  /** The results that failed the gate, worst first. */
  blocking: Result[];
  /** One line saying why, for the summary and CI logs. */
  reason: string;
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);

/** The CI gate: exit 1 when a fail at or above the threshold, or an error, is in scope. */
export function decideGate(results: Result[], policy: GatePolicy = {}): GateDecision {
  const threshold = policy.failOn;
  const failing = results.filter(
    (r) => r.status === 'fail' && !r.waiver && threshold !== 'none' && (threshold === undefined || rank(r.severity) <= rank(threshold)),
  );
  const errors = policy.allowErrors ? [] : results.filter((r) => r.status === 'error');
  const blocking = [...failing, ...errors].sort((a, b) => rank(a.severity) - rank(b.severity));
  const rule = threshold === undefined ? 'any fail' : threshold === 'none' ? 'no fail' : `a fail of severity ${threshold} or above`;
  const errorRule = policy.allowErrors ? '' : ' or any error';
  if (!blocking.length) return { passed: true, blocking, reason: `passed: no ${rule === 'no fail' ? 'error' : `${rule}${errorRule}`}` };
  const parts = [failing.length && `${failing.length} fail${failing.length > 1 ? 's' : ''}`, errors.length && `${errors.length} error${errors.length > 1 ? 's' : ''}`].filter(Boolean);
  return { passed: false, blocking, reason: `failed: ${parts.join(' and ')} (gate: ${rule}${errorRule} fails)` };
}
