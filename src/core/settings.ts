import type { Check, SettingValue } from './check.js';
import { UsageError } from './errors.js';

/** A check's settings: its declared defaults overlaid with what the config gives. */
export function settingsFor(check: Check, configured: Record<string, SettingValue> = {}): Record<string, SettingValue> {
  const specs = check.meta.settings ?? {};
  for (const [name, value] of Object.entries(configured)) {
    const spec = specs[name];
    if (!spec) {
      const known = Object.keys(specs);
      throw new UsageError(
        `settings.${check.meta.id}.${name}: unknown setting (${known.length ? `known: ${known.join(', ')}` : 'this check has none'})`,
      );
    }
    const ok =
      spec.type === 'string[]'
        ? Array.isArray(value) && value.every((v) => typeof v === 'string')
        : spec.type === 'integer[]'
          ? Array.isArray(value) && value.every((v) => Number.isInteger(v))
          : spec.type === 'integer'
            ? Number.isInteger(value)
            : typeof value === spec.type;
    if (!ok) throw new UsageError(`settings.${check.meta.id}.${name}: expected ${spec.type}, got ${JSON.stringify(value)}`);
  }
  return { ...Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.default])), ...configured };
}
