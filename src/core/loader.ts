import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import type { Check } from './check.js';
import { SEVERITIES } from './types.js';
import { UsageError } from './errors.js';

const CHECK_FILE = /^(?!.*\.(test|spec|d)\.[cm]?[jt]s$).*\.[cm]?[jt]s$/;
// `<provider>.<name>` at least: the TLS ids of issue 5 (tls.hsts, tls.certificate) have two parts.
const ID = /^[a-z0-9]+(\.[a-z0-9][a-z0-9-]*)+$/;
const SETTING_TYPES = new Set(['number', 'integer', 'string', 'boolean', 'string[]', 'integer[]']);

/** The folder of built-in checks, whether running from sources or from dist/. */
export const BUILTIN_CHECKS_DIR = path.resolve(import.meta.dirname, '../../checks');

/** Problems with a module that claims to be a check; empty when it keeps the contract. */
export function contractProblems(candidate: unknown): string[] {
  const problems: string[] = [];
  const check = candidate as Partial<Check> | undefined;
  if (!check || typeof check !== 'object') return ['the default export is not an object { meta, run }'];
  if (typeof check.run !== 'function') problems.push('run must be a function run(ctx) returning results');
  const meta = check.meta as Record<string, unknown> | undefined;
  if (!meta || typeof meta !== 'object') return [...problems, 'meta is missing'];
  for (const key of ['id', 'title', 'provider', 'description', 'remediation']) {
    if (typeof meta[key] !== 'string' || !meta[key].trim()) problems.push(`meta.${key} must be a non-empty string`);
  }
  if (typeof meta.id === 'string' && !ID.test(meta.id)) {
    problems.push(`meta.id "${meta.id}" must be dotted lower-case, like aws.iam.root-mfa`);
  } else if (typeof meta.id === 'string' && typeof meta.provider === 'string' && !meta.id.startsWith(`${meta.provider}.`)) {
    problems.push(`meta.id "${meta.id}" must start with its provider "${meta.provider}."`);
  }
  if (!SEVERITIES.includes(meta.severity as never)) problems.push(`meta.severity must be one of ${SEVERITIES.join(', ')}`);
  const messages = meta.messages as Record<string, unknown> | undefined;
  if (!messages || typeof messages !== 'object' || !Object.keys(messages).length) {
    problems.push('meta.messages must map message ids to text');
  } else {
    for (const [id, text] of Object.entries(messages)) if (typeof text !== 'string') problems.push(`meta.messages.${id} must be a string`);
  }
  for (const [name, spec] of Object.entries((meta.settings ?? {}) as Record<string, Record<string, unknown>>)) {
    if (!SETTING_TYPES.has(spec?.type as string))
      problems.push(`meta.settings.${name}.type must be one of ${[...SETTING_TYPES].join(', ')}`);
    if (spec?.default === undefined) problems.push(`meta.settings.${name}.default is missing`);
  }
  return problems;
}

async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && CHECK_FILE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** Where each loaded check came from, so that a run folder can record its source file and hash. */
const origins = new WeakMap<Check, { file: string; builtin: boolean }>();
export const originOf = (check: Check) => origins.get(check);

/** The same check with some metadata changed by policy (a severity override): it keeps its source. */
export function withMeta(check: Check, meta: Partial<Check['meta']>): Check {
  const changed = { ...check, meta: { ...check.meta, ...meta } };
  const origin = origins.get(check);
  if (origin) origins.set(changed, origin);
  return changed;
}

let jiti: ReturnType<typeof createJiti> | undefined;

/**
 * Imports a check module. The user's TypeScript always goes through jiti, as
 * ESLint loads TypeScript configs: Node's own type stripping (22.18 and 24)
 * reads a `.ts` file in a `"type": "commonjs"` project as CommonJS and fails
 * on `export`, and Node 20 has none. Built-in checks are JavaScript in dist/
 * and TypeScript only under a runtime that compiles them (tsx, vitest).
 */
async function importModule(file: string, builtin: boolean): Promise<Record<string, unknown>> {
  if (builtin || !/\.[cm]?ts$/.test(file)) return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  jiti ??= createJiti(import.meta.url, { interopDefault: false, moduleCache: true });
  return jiti.import<Record<string, unknown>>(file);
}

/**
 * Loads every check module below `dir`. A file that fails to load or breaks
 * the contract is a usage error naming the file and the problem.
 */
export async function loadChecksFrom(folder: string, options: { builtin?: boolean } = {}): Promise<Check[]> {
  // jiti resolves a relative path against this module, not the working folder.
  const dir = path.resolve(folder);
  let files: string[];
  try {
    files = await filesBelow(dir);
  } catch (err) {
    throw new UsageError(`cannot read checks folder ${dir}: ${(err as Error).message}`);
  }
  const checks: Check[] = [];
  for (const file of files) {
    let mod: Record<string, unknown>;
    try {
      mod = await importModule(file, options.builtin ?? false);
    } catch (err) {
      throw new UsageError(`${file}: cannot load check: ${(err as Error).message}`);
    }
    const candidate = mod.default ?? mod.check;
    const problems = contractProblems(candidate);
    const id = (candidate as Check | undefined)?.meta?.id;
    if (options.builtin && !problems.length && path.basename(file).replace(/\.[cm]?[jt]s$/, '') !== id) {
      problems.push(`file must be named after its id (${id})`);
    }
    if (problems.length) throw new UsageError(`${file}: not a valid check: ${problems.join('; ')}`);
    checks.push(candidate as Check);
    origins.set(candidate as Check, { file, builtin: Boolean(options.builtin) });
  }
  return checks;
}

/** Built-in checks plus those of the given folders; ids must be unique. */
export async function loadChecks(extraDirs: string[] = []): Promise<Check[]> {
  const all = [
    ...(await loadChecksFrom(BUILTIN_CHECKS_DIR, { builtin: true })),
    ...(await Promise.all(extraDirs.map((d) => loadChecksFrom(d)))).flat(),
  ];
  const seen = new Set<string>();
  for (const check of all) {
    if (seen.has(check.meta.id)) throw new UsageError(`two checks have the id ${check.meta.id}`);
    seen.add(check.meta.id);
  }
  return all.sort((a, b) => a.meta.id.localeCompare(b.meta.id));
}
