import type { Check } from './check.js';
import { UsageError } from './errors.js';
import { loadChecks } from './loader.js';
import { builtinMapping, loadCatalog, loadMappings, mappingProblems, type Mapping } from './mapping.js';

/**
 * The built-in checks and the user's own, with the mapping that ties each to
 * Annex A controls. A check without a mapping, or a mapping naming an unknown
 * check or control, is refused.
 */
export async function loadCheckCatalogue(
  options: { checksDirs?: string[]; mappingFiles?: string[] } = {},
): Promise<{ checks: Check[]; mapping: Mapping }> {
  const checks = await loadChecks(options.checksDirs);
  const mapping = loadMappings(options.mappingFiles ?? [], builtinMapping('iso27001-2022'));
  const problems = mappingProblems(
    mapping,
    checks.map((c) => c.meta.id),
    loadCatalog(),
  );
  if (problems.length) throw new UsageError(`mapping: ${problems.join('; ')}`);
  return { checks, mapping };
}
