import { controlCounts } from '../core/controls.js';
import type { GateDecision } from '../core/gate.js';
import type { Run } from '../core/run.js';

/** The document of `annexa scan --json` and of `--format json`: the run without its facts, with the gate. */
export function renderJsonSummary(
  run: Run,
  gate: GateDecision,
  evidence: { dir: string; manifestSha256?: string } | null,
  applied = true,
): string {
  const { results, controls, facts: _facts, identities, gate: _gate, ...summary } = run;
  return `${JSON.stringify({ ...summary, collector: identities, controls: controlCounts(controls), stale: controls.flatMap((c) => (c.freshness?.stale ? [{ id: c.id, ...c.freshness }] : [])), evidence, gate: { passed: gate.passed, reason: gate.reason, rule: gate.rule, applied }, results }, null, 2)}\n`;
}
