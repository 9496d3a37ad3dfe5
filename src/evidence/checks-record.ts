import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Check, SettingValue } from '../core/check.js';
import { originOf } from '../core/loader.js';
import type { Mapping } from '../core/mapping.js';
import type { CheckMeta } from '../core/types.js';
import { PACKAGE_ROOT } from '../package-info.js';
import { sha256 } from './files.js';

export const CHECKS_FILE = 'checks.json';

/** How one check that ran was judged: enough to read its verdicts without annexa's source of that day. */
export interface CheckRecord {
  id: string;
  /** A built-in check ships with annexa `version`; a plugin check is the user's own file, known by its hash. */
  origin: 'builtin' | 'plugin';
  version?: string;
  /** The module the check was loaded from: relative to annexa's folder for a built-in, absolute for a plugin. */
  source: { file: string; sha256: string };
  meta: CheckMeta;
  /** The settings the check ran with: its defaults overlaid with the config. */
  settings: Record<string, SettingValue>;
}

/** checks.json: the checks that ran, and the whole mapping (with rationale) the controls were rolled up with. */
export interface ChecksDocument {
  runId: string;
  framework: string;
  checks: CheckRecord[];
  mapping: Mapping;
}

/**
 * The file a built-in check is known by: its TypeScript source under
 * `checks/`, also when the module that ran is the compiled one in `dist/`.
 * A run made with `tsx` and verified with the published CLI (or the other
 * way round) then names and hashes the same bytes.
 */
export function builtinSourceFile(loaded: string, root = PACKAGE_ROOT): string {
  const relative = path.relative(root, loaded).split(path.sep).join('/');
  const compiled = /^dist\/(checks\/.+)\.js$/.exec(relative);
  return compiled ? `${compiled[1]}.ts` : relative;
}

/** The source file and its sha256 of a loaded check, in the form checks.json records. */
export async function sourceOf(check: Check): Promise<{ origin: CheckRecord['origin']; source: CheckRecord['source'] }> {
  const origin = originOf(check);
  if (!origin) throw new Error(`check ${check.meta.id} was not loaded from a file: its source cannot be recorded`);
  if (!origin.builtin) return { origin: 'plugin', source: { file: origin.file, sha256: sha256(await readFile(origin.file)) } };
  const file = builtinSourceFile(origin.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(PACKAGE_ROOT, file));
  } catch (err) {
    throw new Error(`built-in check ${check.meta.id}: its source ${file} is not installed beside annexa (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return { origin: 'builtin', source: { file, sha256: sha256(bytes) } };
}

export async function recordChecks(
  run: { id: string; framework: string; tool: { version: string } },
  checks: Check[],
  mapping: Mapping,
  settingsOf: (check: Check) => Record<string, SettingValue>,
): Promise<ChecksDocument> {
  const records = await Promise.all(
    checks.map(async (check): Promise<CheckRecord> => {
      const { origin, source } = await sourceOf(check);
      return {
        id: check.meta.id,
        origin,
        ...(origin === 'builtin' ? { version: run.tool.version } : {}),
        source,
        // The JSON form: what a reader of the file sees, whatever the module holds besides.
        meta: JSON.parse(JSON.stringify(check.meta)) as CheckMeta,
        settings: settingsOf(check),
      };
    }),
  );
  return { runId: run.id, framework: run.framework, checks: records, mapping };
}

/** The plugin checks of a record, as the manifest lists them. */
export function pluginsOf(document: ChecksDocument): { checkId: string; file: string; sha256: string }[] {
  return document.checks.filter((c) => c.origin === 'plugin').map((c) => ({ checkId: c.id, file: c.source.file, sha256: c.source.sha256 }));
}
