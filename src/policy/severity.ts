import type { Check } from '../core/check.js';
import { UsageError } from '../core/errors.js';
import { withMeta } from '../core/loader.js';
import type { Severity } from '../core/types.js';

/**
 * Checks with the severity the config gives them (`severityOverrides`), so
 * that results, the gate and every report agree. An unknown check id is refused.
 */
export function withSeverityOverrides(
  checks: Check[],
  overrides: Record<string, Severity> = {},
  inConfig = (problem: string) => new UsageError(problem),
): Check[] {
  const ids = new Set(checks.map((c) => c.meta.id));
  for (const id of Object.keys(overrides))
    if (!ids.has(id)) throw inConfig(`severityOverrides.${id}: unknown check id (see \`annexa checks\`)`);
  return checks.map((c) => {
    const severity = overrides[c.meta.id];
    return severity ? withMeta(c, { severity }) : c;
  });
}
