import type { Control, Mapping } from './mapping.js';
import type { Result, Status } from './types.js';

/** `excluded`: the Statement of Applicability says the control does not apply (see src/policy/applicability.ts). */
export type ControlStatus = Status | 'manual' | 'excluded';

export interface ControlRollup {
  id: string;
  theme: Control['theme'];
  title: string;
  status: ControlStatus;
  /** Checks mapped to the control that ran in this scan. */
  checks: string[];
  /** Checks mapped to the control that did not run in this scan (deselected, or no target of their provider). */
  checksNotRun: string[];
  resources: string[];
  counts: Record<Status, number>;
  exclusion?: { justification: string };
  /** Files the config attaches to the control (a policy, a training record), copied into the run folder and hashed. */
  manualEvidence?: ManualEvidence[];
  /** How old the newest passing evidence is, for a control the config gives a maximum evidence age. */
  freshness?: Freshness;
}

export interface ManualEvidence {
  /** Path inside the run folder. */
  path: string;
  sha256: string;
  bytes: number;
  description?: string;
}

export interface Freshness {
  maxAgeDays: number;
  /** The newest run of the same output folder in which the control passed (or had manual evidence); null when none. */
  newestPass: { runId: string; at: string } | null;
  ageDays: number | null;
  stale: boolean;
}

export const emptyCounts = (): Record<Status, number> => ({ pass: 0, fail: 0, error: 0, not_applicable: 0 });

/**
 * Rolls results up per control. The worst outcome wins: one `fail` fails the
 * control, then one `error` (it could not be shown to hold), then `pass`. A
 * control that no check of this scan covers is `manual`: evidence for it has
 * to come from elsewhere.
 */
export function rollUpControls(catalog: Control[], mapping: Mapping, results: Result[]): ControlRollup[] {
  const byCheck = new Map<string, Result[]>();
  // Appended in place: copying a check's list for each of its 5,000 results made gigabytes of garbage.
  for (const r of results) {
    const list = byCheck.get(r.checkId);
    if (list) list.push(r);
    else byCheck.set(r.checkId, [r]);
  }
  const checksOf = new Map<string, string[]>();
  for (const [checkId, links] of Object.entries(mapping)) {
    for (const { control } of links) checksOf.set(control, [...(checksOf.get(control) ?? []), checkId]);
  }
  return catalog.map((control) => {
    const mapped = (checksOf.get(control.id) ?? []).sort();
    const ran = mapped.filter((id) => byCheck.has(id));
    const relevant = ran.flatMap((id) => byCheck.get(id)!);
    const counts = emptyCounts();
    for (const r of relevant) counts[r.status]++;
    return {
      id: control.id,
      theme: control.theme,
      title: control.title,
      status: statusOf(counts, relevant.length),
      checks: ran,
      checksNotRun: mapped.filter((id) => !byCheck.has(id)),
      resources: [...new Set(relevant.map((r) => r.resource))].sort(),
      counts,
    };
  });
}

function statusOf(counts: Record<Status, number>, total: number): ControlStatus {
  if (total === 0) return 'manual';
  if (counts.fail) return 'fail';
  if (counts.error) return 'error';
  if (counts.pass) return 'pass';
  return 'not_applicable';
}

export function countResults(results: Result[]): Record<Status, number> & { total: number } {
  const counts = emptyCounts();
  for (const r of results) counts[r.status]++;
  return { ...counts, total: results.length };
}

/** How many controls have each status (the summary of controls.json and of the manifest). */
export function controlCounts(controls: ControlRollup[]): Record<ControlStatus, number> {
  const counts: Record<ControlStatus, number> = { pass: 0, fail: 0, error: 0, not_applicable: 0, manual: 0, excluded: 0 };
  for (const c of controls) counts[c.status]++;
  return counts;
}
