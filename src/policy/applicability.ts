import type { Check } from '../core/check.js';
import type { ControlRollup } from '../core/controls.js';
import type { Control, Mapping } from '../core/mapping.js';

/** One line of the Statement of Applicability: a control that does not apply, and why. */
export interface Exclusion {
  control: string;
  justification: string;
}

/** Exclusions naming no Annex A control, or the same control twice, are refused (each names its config key). */
export function exclusionProblems(excluded: Exclusion[], catalog: Control[]): string[] {
  const ids = new Set(catalog.map((c) => c.id));
  const seen = new Set<string>();
  return excluded.flatMap(({ control }, i) => {
    const where = `applicability.excluded.${i}.control`;
    if (!ids.has(control)) return [`${where}: ${control} is not an Annex A 2022 control (see \`annexa controls\`)`];
    if (seen.has(control)) return [`${where}: ${control} is excluded twice`];
    seen.add(control);
    return [];
  });
}

/**
 * Checks that evidence only excluded controls: they are not run. A check that
 * also evidences a control in scope still runs.
 */
export function checksOnlyForExcluded(checks: Check[], mapping: Mapping, excluded: Exclusion[]): Set<string> {
  const out = new Set(excluded.map((e) => e.control));
  return new Set(
    checks
      .filter((c) => {
        const links = mapping[c.meta.id] ?? [];
        return links.length > 0 && links.every((l) => out.has(l.control));
      })
      .map((c) => c.meta.id),
  );
}

/** Marks the excluded controls of a roll-up `excluded`, with their justification. */
export function markExcluded(controls: ControlRollup[], excluded: Exclusion[]): ControlRollup[] {
  const why = new Map(excluded.map((e) => [e.control, e.justification]));
  return controls.map((c) => (why.has(c.id) ? { ...c, status: 'excluded', exclusion: { justification: why.get(c.id)! } } : c));
}
