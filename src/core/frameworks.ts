import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './errors.js';
import { rollUpControls, type ControlRollup } from './controls.js';
import { builtinMapping, loadCatalog, MAPPINGS_DIR, type Control, type Mapping } from './mapping.js';
import type { Result } from './types.js';

/**
 * The catalogues a run's results can be read against. ISO/IEC 27001:2022 is
 * what checks are mapped to; the 2013 Annex A is derived from it through the
 * published correspondence; NIST CSF 2.0 has its own links in each check's
 * mapping entry (mappings/checks/).
 */
export const FRAMEWORK_IDS = ['iso27001-2022', 'iso27001-2013', 'nist-csf-2.0'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

export const FRAMEWORK_NAMES: Record<FrameworkId, string> = {
  'iso27001-2022': 'ISO/IEC 27001:2022 Annex A',
  'iso27001-2013': 'ISO/IEC 27001:2013 Annex A',
  'nist-csf-2.0': 'NIST CSF 2.0',
};

export const CATALOG_2013_FILE = path.join(MAPPINGS_DIR, 'iso27001-2013.json');
export const CORRESPONDENCE_FILE = path.join(MAPPINGS_DIR, 'iso27001-2013', 'correspondence.yaml');
export const CSF_CATALOG_FILE = path.join(MAPPINGS_DIR, 'nist-csf-2.0.json');

/** A catalogue and the mapping of checks onto it, with a rationale per link. */
export interface Framework {
  id: FrameworkId;
  name: string;
  catalog: Control[];
  mapping: Mapping;
}

/** 2022 control → the 2013 controls ISO/IEC 27002:2022 Table B.1 lists for it (empty for a control new in 2022). */
export type Correspondence = Record<string, string[]>;

export function loadCorrespondence(file = CORRESPONDENCE_FILE): Correspondence {
  const data = parseYaml(readFileSync(file, 'utf8')) as unknown;
  const ok =
    data && typeof data === 'object' && Object.values(data).every((v) => Array.isArray(v) && v.every((id) => typeof id === 'string'));
  if (!ok) throw new UsageError(`${file}: a correspondence is an object of 2022 control → list of 2013 controls`);
  return data as Correspondence;
}

/**
 * The 2013 mapping implied by the 2022 one: a check evidences each 2013
 * control the correspondence lists under a 2022 control it evidences. The
 * rationale names the path, so an auditor can retrace it.
 */
export function deriveMapping2013(mapping2022: Mapping, correspondence: Correspondence): Mapping {
  const derived: Mapping = {};
  for (const [checkId, links] of Object.entries(mapping2022)) {
    const via = new Map<string, string[]>();
    for (const { control } of links) for (const old of correspondence[control] ?? []) via.set(old, [...(via.get(old) ?? []), control]);
    derived[checkId] = [...via].map(([control, from]) => ({
      control,
      rationale: `Evidences ISO/IEC 27001:2022 ${from.join(' and ')} (see that mapping's rationale), which ISO/IEC 27002:2022 Table B.1 lists as corresponding to ${control}.`,
    }));
  }
  return derived;
}

/**
 * The rules the correspondence table keeps: every 2022 control listed once,
 * only known controls on either side, no 2013 control twice under one 2022
 * control, and every 2013 control reached from some 2022 control.
 */
export function correspondenceProblems(correspondence: Correspondence, catalog2022: Control[], catalog2013: Control[]): string[] {
  const problems: string[] = [];
  const known2022 = new Set(catalog2022.map((c) => c.id));
  const known2013 = new Set(catalog2013.map((c) => c.id));
  const reached = new Set<string>();
  for (const c of catalog2022) if (!(c.id in correspondence)) problems.push(`2022 control ${c.id} is not listed`);
  for (const [control, olds] of Object.entries(correspondence)) {
    if (!known2022.has(control)) problems.push(`unknown 2022 control ${control}`);
    if (new Set(olds).size !== olds.length) problems.push(`${control} lists a 2013 control twice`);
    for (const old of olds) {
      if (!known2013.has(old)) problems.push(`${control} lists unknown 2013 control ${old}`);
      reached.add(old);
    }
  }
  for (const c of catalog2013) if (!reached.has(c.id)) problems.push(`2013 control ${c.id} corresponds to no 2022 control`);
  return problems;
}

/**
 * A framework as mappings/ describes it. `mapping2022` is the mapping in force
 * for the run (built-in and the user's own files); the CSF mapping covers the
 * built-in checks only, so a plugin check shows there as not mapped.
 */
export function loadFramework(id: FrameworkId, mapping2022: Mapping): Framework {
  const name = FRAMEWORK_NAMES[id];
  switch (id) {
    case 'iso27001-2022':
      return { id, name, catalog: loadCatalog(), mapping: mapping2022 };
    case 'iso27001-2013':
      return { id, name, catalog: loadCatalog(CATALOG_2013_FILE), mapping: deriveMapping2013(mapping2022, loadCorrespondence()) };
    case 'nist-csf-2.0':
      return { id, name, catalog: loadCatalog(CSF_CATALOG_FILE), mapping: builtinMapping('nist-csf-2.0') };
  }
}

/**
 * The 2022 mapping the run applied: each result names its controls; the
 * rationale comes from the built-in mapping when it links the same check to
 * the same control, otherwise the run's own record is all there is.
 */
export function mappingFromResults(results: Result[]): Mapping {
  const builtin = builtinMapping('iso27001-2022');
  const mapping: Mapping = {};
  for (const r of results) {
    const links = (mapping[r.checkId] ??= []);
    for (const control of r.controls ?? []) {
      if (links.some((l) => l.control === control)) continue;
      const known = builtin[r.checkId]?.find((l) => l.control === control);
      links.push({
        control,
        rationale: known?.rationale ?? "Recorded in the run's results; the mapping file behind it (a plugin's) is not bundled with annexa.",
      });
    }
  }
  return mapping;
}

/** A run's results rolled up per control of another framework (the summary of `scan --framework`). */
export function rollUpFor(id: FrameworkId, results: Result[]): ControlRollup[] {
  const { catalog, mapping } = loadFramework(id, mappingFromResults(results));
  return rollUpControls(catalog, mapping, results);
}
