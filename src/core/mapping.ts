import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-info.js';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './errors.js';
import type { Result } from './types.js';

export interface Control {
  id: string;
  /** The group a control belongs to: a 2022 theme (`organizational` …), a 2013 clause, a CSF function. */
  theme: string;
  title: string;
}

export interface ControlLink {
  control: string;
  rationale: string;
}

/** Check id → the controls it evidences, each with the reason an auditor would accept. */
export type Mapping = Record<string, ControlLink[]>;

export const MAPPINGS_DIR = path.join(PACKAGE_ROOT, 'mappings');
export const CATALOG_FILE = path.join(MAPPINGS_DIR, 'annex-a-2022.json');
export const BUILTIN_MAPPING_DIR = path.join(MAPPINGS_DIR, 'iso27001-2022');

export function loadCatalog(file = CATALOG_FILE): Control[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { controls: Control[] };
  return data.controls;
}

/** Reads one mapping file (YAML): `check.id: [{ control, rationale }]`. */
export function readMappingFile(file: string): Mapping {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: cannot read mapping: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new UsageError(`${file}: a mapping is an object of check id → list of { control, rationale }`);
  for (const [checkId, links] of Object.entries(data)) {
    const ok =
      Array.isArray(links) &&
      links.every(
        (l: { control?: unknown; rationale?: unknown } | null) =>
          l && typeof l.control === 'string' && typeof l.rationale === 'string' && l.rationale.trim(),
      );
    if (!ok) throw new UsageError(`${file}: ${checkId} must be a list of { control, rationale } with a non-empty rationale`);
  }
  return data as Mapping;
}

/** Merges mapping files; the same check mapped in two files is an error, not a silent override. */
export function loadMappings(files: string[]): Mapping {
  const merged: Mapping = {};
  for (const file of files) {
    for (const [checkId, links] of Object.entries(readMappingFile(file))) {
      if (merged[checkId]) throw new UsageError(`${file}: ${checkId} is already mapped in another mapping file`);
      merged[checkId] = links;
    }
  }
  return merged;
}

export function builtinMappingFiles(): string[] {
  return readdirSync(BUILTIN_MAPPING_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(BUILTIN_MAPPING_DIR, f));
}

/**
 * The integrity rules an auditor relies on: every check is mapped, every
 * mapping names a known check and a known control, once.
 */
export function mappingProblems(mapping: Mapping, checkIds: string[], catalog: Control[]): string[] {
  const problems: string[] = [];
  const controls = new Set(catalog.map((c) => c.id));
  const checks = new Set(checkIds);
  for (const id of checkIds) if (!mapping[id]?.length) problems.push(`check ${id} is not mapped to any control`);
  for (const [checkId, links] of Object.entries(mapping)) {
    if (!checks.has(checkId)) problems.push(`mapping names unknown check ${checkId}`);
    const seen = new Set<string>();
    for (const { control } of links) {
      if (!controls.has(control)) problems.push(`${checkId} maps to unknown control ${control}`);
      if (seen.has(control)) problems.push(`${checkId} maps to ${control} twice`);
      seen.add(control);
    }
  }
  return problems;
}

/** Fills each result's `controls` from the mapping (after the check ran: checks do not know their controls). */
export function withControls(results: Result[], mapping: Mapping): Result[] {
  return results.map((r) => ({ ...r, controls: (mapping[r.checkId] ?? []).map((l) => l.control) }));
}
