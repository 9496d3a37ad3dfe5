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
/** The built-in checks' mapping: `<provider>.yaml`, one entry per check covering every framework in MAPPED_FRAMEWORKS. */
export const CHECK_MAPPING_DIR = path.join(MAPPINGS_DIR, 'checks');

/**
 * The frameworks a built-in check is mapped to directly, each a key of the
 * check's entry. ISO/IEC 27001:2013 is not among them: its mapping is derived
 * from the 2022 links through the published correspondence (frameworks.ts).
 */
export const MAPPED_FRAMEWORKS = ['iso27001-2022', 'nist-csf-2.0'] as const;
export type MappedFrameworkId = (typeof MAPPED_FRAMEWORKS)[number];

/** Check id → per framework, the controls it evidences. */
export type CheckMappings = Record<string, Record<MappedFrameworkId, ControlLink[]>>;

export function loadCatalog(file = CATALOG_FILE): Control[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { controls: Control[] };
  return data.controls;
}

function readYamlObject(file: string, shape: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: cannot read mapping: ${(err as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${file}: a mapping is an object of ${shape}`);
  return data as Record<string, unknown>;
}

function isLinks(links: unknown): links is ControlLink[] {
  return (
    Array.isArray(links) &&
    links.every(
      (l: { control?: unknown; rationale?: unknown } | null) =>
        l && typeof l.control === 'string' && typeof l.rationale === 'string' && l.rationale.trim(),
    )
  );
}

/** Reads one mapping file of the user's own checks (YAML), onto Annex A 2022: `check.id: [{ control, rationale }]`. */
export function readMappingFile(file: string): Mapping {
  const data = readYamlObject(file, 'check id → list of { control, rationale }');
  for (const [checkId, links] of Object.entries(data))
    if (!isLinks(links)) throw new UsageError(`${file}: ${checkId} must be a list of { control, rationale } with a non-empty rationale`);
  return data as Mapping;
}

/** Merges mapping files into `base`; the same check mapped in two files is an error, not a silent override. */
export function loadMappings(files: string[], base: Mapping = {}): Mapping {
  const merged: Mapping = { ...base };
  for (const file of files) addLinks(merged, file, Object.entries(readMappingFile(file)));
  return merged;
}

/** Adds one file's links to `mapping`; a check it already maps (from another file) is an error, not a silent override. */
function addLinks(mapping: Mapping, file: string, links: [string, ControlLink[]][]): void {
  for (const [checkId, controls] of links) {
    if (mapping[checkId]) throw new UsageError(`${file}: ${checkId} is already mapped in another mapping file`);
    mapping[checkId] = controls;
  }
}

/** Reads one built-in mapping file: `check.id: { <framework>: [{ control, rationale }] }`, every framework in each entry. */
export function readCheckMappingFile(file: string): CheckMappings {
  const data = readYamlObject(file, `check id → { ${MAPPED_FRAMEWORKS.join(', ')} } each a list of { control, rationale }`);
  for (const [checkId, entry] of Object.entries(data)) {
    const keys = entry && typeof entry === 'object' && !Array.isArray(entry) ? Object.keys(entry).sort() : [];
    if (keys.join() !== [...MAPPED_FRAMEWORKS].sort().join())
      throw new UsageError(`${file}: ${checkId} must map to exactly these frameworks: ${MAPPED_FRAMEWORKS.join(', ')}`);
    for (const [framework, links] of Object.entries(entry as Record<string, unknown>))
      if (!isLinks(links))
        throw new UsageError(`${file}: ${checkId} ${framework} must be a list of { control, rationale } with a non-empty rationale`);
  }
  return data as CheckMappings;
}

/** The built-in checks' mapping onto one framework, from every file of `dir`; a check in two files is an error. */
export function builtinMapping(framework: MappedFrameworkId, dir = CHECK_MAPPING_DIR): Mapping {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
  const mapping: Mapping = {};
  for (const file of files)
    addLinks(
      mapping,
      file,
      Object.entries(readCheckMappingFile(file)).map(([checkId, entry]) => [checkId, entry[framework]]),
    );
  return mapping;
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

/**
 * Fills each result's `controls` from the mapping (after the check ran: checks do not know their controls), in
 * place: a copy of every result would be held beside the original until the run is written.
 */
export function withControls(results: Result[], mapping: Mapping): Result[] {
  // One list per check, shared by its results: a large run has tens of thousands of results and a few hundred checks.
  const byCheck = new Map<string, string[]>();
  const controlsOf = (checkId: string) => {
    let controls = byCheck.get(checkId);
    if (!controls) byCheck.set(checkId, (controls = (mapping[checkId] ?? []).map((l) => l.control)));
    return controls;
  };
  for (const r of results) r.controls = controlsOf(r.checkId);
  return results;
}
