import picomatch from 'picomatch';
import type { Check } from './check.js';
import { UsageError } from './errors.js';

/**
 * The checks to run: those matching any `include` pattern (all when none),
 * less those matching any `exclude` pattern. A pattern that matches no check
 * is a usage error, so that a typo never silently shrinks the scan.
 */
export function selectChecks(
  checks: Check[],
  include: string[] = [],
  exclude: string[] = [],
  labels: { checks?: string; skipChecks?: string } = {},
): Check[] {
  const ids = checks.map((c) => c.meta.id);
  const matcher = (flag: string, patterns: string[]) =>
    patterns.map((pattern) => {
      const isMatch = picomatch(pattern);
      if (!ids.some((id) => isMatch(id))) {
        const what = picomatch.scan(pattern).isGlob ? 'pattern matches no check' : 'unknown check id';
        throw new UsageError(`${flag} ${pattern}: ${what} (see \`annexa checks\`)`);
      }
      return isMatch;
    });
  const included = matcher(labels.checks ?? '--checks', include);
  const excluded = matcher(labels.skipChecks ?? '--skip-checks', exclude);
  return checks.filter((c) => (included.length === 0 || included.some((m) => m(c.meta.id))) && !excluded.some((m) => m(c.meta.id)));
}
