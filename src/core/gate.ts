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
  /** What was found, e.g. `74 fails and 2 errors`, or `nothing that fails the gate`. */
  reason: string;
  /** The rule applied, e.g. `any fail or error fails the gate`. */
  rule: string;
}

const rank = (s: Severity) => SEVERITIES.indexOf(s);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The CI gate: exit 1 when a fail at or above the threshold, or an error, is in scope. */
export function decideGate(results: Result[], policy: GatePolicy = {}): GateDecision {
  const threshold = policy.failOn;
  const failing = results.filter(
    (r) => r.status === 'fail' && !r.waiver && threshold !== 'none' && (threshold === undefined || rank(r.severity) <= rank(threshold)),
  );
  const errors = policy.allowErrors ? [] : results.filter((r) => r.status === 'error');
  const blocking = [...failing, ...errors].sort((a, b) => rank(a.severity) - rank(b.severity));
  const fails = threshold === undefined ? 'any fail' : threshold === 'none' ? '' : `a fail of severity ${threshold} or above`;
  const rule = [fails, policy.allowErrors ? '' : 'any error'].filter(Boolean).join(' or ');
  const parts = [failing.length ? plural(failing.length, threshold ? `${threshold}+ fail` : 'fail') : '', errors.length ? plural(errors.length, 'error') : ''].filter(Boolean);
  return {
    passed: blocking.length === 0,
    blocking,
    reason: parts.length ? parts.join(' and ') : 'nothing that fails the gate',
    rule: rule ? `${rule} fails the gate` : 'nothing fails the gate',
  };
}
