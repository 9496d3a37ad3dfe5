import { SEVERITIES, type Result, type Severity } from './types.js';
import { firstPart } from './text.js';

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

/**
 * The CI gate: exit 1 when a fail at or above the threshold, or an error, is
 * in scope. `--allow-errors` never passes a provider that collected nothing:
 * when every result of a provider is an `error`, the gate fails all the same.
 */
export function decideGate(results: Result[], policy: GatePolicy = {}): GateDecision {
  const threshold = policy.failOn;
  const limit = threshold === undefined || threshold === 'none' ? undefined : rank(threshold);
  const failing = results.filter(
    (r) => r.status === 'fail' && !r.waiver && threshold !== 'none' && (limit === undefined || rank(r.severity) <= limit),
  );
  const blind = policy.allowErrors ? providersWithOnlyErrors(results) : [];
  const errors = results.filter((r) => r.status === 'error' && (!policy.allowErrors || blind.includes(providerOf(r))));
  const blocking = [...failing, ...errors].sort((a, b) => rank(a.severity) - rank(b.severity));
  const fails = threshold === undefined ? 'any fail' : threshold === 'none' ? '' : `a fail of severity ${threshold} or above`;
  const rule = [fails, policy.allowErrors ? 'a provider whose every result is an error' : 'any error'].filter(Boolean).join(' or ');
  const parts = [
    failing.length ? plural(failing.length, threshold ? `${threshold}+ fail` : 'fail') : '',
    blind.length
      ? `every ${blind.join(' and every ')} result is an error (nothing was collected)`
      : errors.length
        ? plural(errors.length, 'error')
        : '',
  ].filter(Boolean);
  return {
    passed: blocking.length === 0,
    blocking,
    reason: parts.length ? parts.join(' and ') : 'nothing that fails the gate',
    rule: `${rule} fails the gate`,
  };
}

/** Check ids start with their provider: `aws.iam.root-mfa`. */
const providerOf = (r: Result) => firstPart(r.checkId, '.');

function providersWithOnlyErrors(results: Result[]): string[] {
  const byProvider = new Map<string, boolean>();
  for (const r of results) byProvider.set(providerOf(r), (byProvider.get(providerOf(r)) ?? true) && r.status === 'error');
  return [...byProvider]
    .filter(([, onlyErrors]) => onlyErrors)
    .map(([p]) => p)
    .sort();
}
