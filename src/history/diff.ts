import type { ControlStatus } from '../core/controls.js';
import type { Result, Status } from '../core/types.js';
import type { StoredRun } from './runs.js';

/** What changed for one check between two runs, by resource. */
export interface CheckDrift {
  checkId: string;
  newlyFailing: string[];
  fixed: string[];
  newlyErroring: string[];
  appeared: string[];
  disappeared: string[];
}

export interface ControlDrift {
  id: string;
  title: string;
  from: ControlStatus;
  to: ControlStatus;
  /** The control's status got worse (see WORSE). */
  regressed: boolean;
  /** Checks of the control with a change. */
  checks: string[];
}

export interface RunDiff {
  from: string;
  to: string;
  controls: ControlDrift[];
  checks: CheckDrift[];
  totals: { newlyFailing: number; fixed: number; newlyErroring: number; appeared: number; disappeared: number; regressedControls: number };
}

/** How bad a control status is: a move up this scale is a regression. Excluded and manual controls are not judged. */
const WORSE: Partial<Record<ControlStatus, number>> = { pass: 0, not_applicable: 0, error: 1, fail: 2 };

const keyOf = (r: Result) => `${r.checkId}\u0000${r.resource}`;
const isFail = (s: Status | undefined) => s === 'fail';

/** Compares run `a` (older) with run `b` (newer), per check and resource, and per Annex A control. */
export function diffRuns(a: StoredRun, b: StoredRun): RunDiff {
  const before = new Map(a.results.map((r) => [keyOf(r), r]));
  const after = new Map(b.results.map((r) => [keyOf(r), r]));
  const byCheck = new Map<string, CheckDrift>();
  const drift = (checkId: string) => {
    if (!byCheck.has(checkId))
      byCheck.set(checkId, { checkId, newlyFailing: [], fixed: [], newlyErroring: [], appeared: [], disappeared: [] });
    return byCheck.get(checkId)!;
  };
  for (const [key, r] of after) {
    const old = before.get(key);
    if (!old) drift(r.checkId).appeared.push(r.resource);
    if (isFail(r.status) && !isFail(old?.status)) drift(r.checkId).newlyFailing.push(r.resource);
    if (r.status === 'error' && old?.status !== 'error') drift(r.checkId).newlyErroring.push(r.resource);
    if (old && isFail(old.status) && (r.status === 'pass' || r.status === 'not_applicable')) drift(r.checkId).fixed.push(r.resource);
  }
  for (const [key, r] of before) if (!after.has(key)) drift(r.checkId).disappeared.push(r.resource);
  const checks = [...byCheck.values()].sort((x, y) => x.checkId.localeCompare(y.checkId));
  for (const c of checks) for (const list of [c.newlyFailing, c.fixed, c.newlyErroring, c.appeared, c.disappeared]) list.sort();

  const changedChecks = new Set(checks.map((c) => c.checkId));
  const oldControls = new Map(a.controls.map((c) => [c.id, c]));
  const controls = b.controls.flatMap((c): ControlDrift[] => {
    const old = oldControls.get(c.id);
    const involved = [...new Set([...c.checks, ...(old?.checks ?? [])])].filter((id) => changedChecks.has(id)).sort();
    if (!old || (old.status === c.status && !involved.length)) return [];
    const regressed = WORSE[old.status] !== undefined && WORSE[c.status] !== undefined && WORSE[c.status]! > WORSE[old.status]!;
    return [{ id: c.id, title: c.title, from: old.status, to: c.status, regressed, checks: involved }];
  });
  const sum = (pick: (c: CheckDrift) => string[]) => checks.reduce((n, c) => n + pick(c).length, 0);
  return {
    from: a.runId,
    to: b.runId,
    controls,
    checks,
    totals: {
      newlyFailing: sum((c) => c.newlyFailing),
      fixed: sum((c) => c.fixed),
      newlyErroring: sum((c) => c.newlyErroring),
      appeared: sum((c) => c.appeared),
      disappeared: sum((c) => c.disappeared),
      regressedControls: controls.filter((c) => c.regressed).length,
    },
  };
}

/** One line for the end of `annexa scan`. */
export function driftLine(d: RunDiff): string {
  const t = d.totals;
  const parts = [
    `${t.newlyFailing} newly failing`,
    `${t.fixed} fixed`,
    `${t.newlyErroring} newly erroring`,
    ...(t.appeared || t.disappeared ? [`${t.appeared} resources appeared, ${t.disappeared} disappeared`] : []),
  ];
  const regressed = d.controls.filter((c) => c.regressed).map((c) => c.id);
  return `Drift since ${d.from}: ${parts.join(', ')}${regressed.length ? `; controls regressed: ${regressed.join(', ')}` : '; no control regressed'}`;
}
