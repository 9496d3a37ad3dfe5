import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCheckCatalogue } from './catalogue.js';
import {
  CATALOG_2013_FILE,
  correspondenceProblems,
  CSF_CATALOG_FILE,
  csfMappingFiles,
  deriveMapping2013,
  loadCorrespondence,
  loadFramework,
} from './frameworks.js';
import { loadCatalog, loadMappings, mappingProblems } from './mapping.js';

const catalog2022 = loadCatalog();
const catalog2013 = loadCatalog(CATALOG_2013_FILE);
const csf = JSON.parse(readFileSync(CSF_CATALOG_FILE, 'utf8')) as {
  functions: { id: string }[];
  categories: { id: string; function: string }[];
  controls: { id: string; theme: string; category: string; title: string }[];
};
const countBy = (items: { theme: string }[]) =>
  items.reduce<Record<string, number>>((n, c) => ({ ...n, [c.theme]: (n[c.theme] ?? 0) + 1 }), {});

describe('the ISO/IEC 27001:2013 Annex A catalogue', () => {
  it('holds exactly the 114 controls in the 14 clauses A.5 to A.18, each once, each under its own clause', () => {
    expect(catalog2013).toHaveLength(114);
    expect(new Set(catalog2013.map((c) => c.id)).size).toBe(114);
    for (const c of catalog2013) expect(c.theme.split(' ')[0]).toBe(c.id.split('.').slice(0, 2).join('.'));
    expect(Object.values(countBy(catalog2013))).toEqual([2, 7, 6, 10, 14, 2, 15, 14, 7, 13, 5, 7, 4, 8]);
  });
});

describe('the NIST CSF 2.0 catalogue', () => {
  it('holds the 6 functions, 22 categories and 106 subcategories, each subcategory once under its category and function', () => {
    expect(csf.functions.map((f) => f.id)).toEqual(['GV', 'ID', 'PR', 'DE', 'RS', 'RC']);
    expect(csf.categories).toHaveLength(22);
    expect(csf.controls).toHaveLength(106);
    expect(new Set(csf.controls.map((c) => c.id)).size).toBe(106);
    for (const c of csf.controls) {
      expect(c.id).toMatch(/^[A-Z]{2}\.[A-Z]{2}-\d{2}$/);
      expect(c.category.split(' ')[0]).toBe(c.id.slice(0, 5));
      expect(c.theme.split(' ')[0]).toBe(c.id.slice(0, 2));
    }
    expect(countBy(csf.controls)).toEqual({
      'GV Govern': 31,
      'ID Identify': 21,
      'PR Protect': 22,
      'DE Detect': 11,
      'RS Respond': 13,
      'RC Recover': 8,
    });
  });
});

describe('the 2022 ↔ 2013 correspondence (ISO/IEC 27002:2022 Table B.1)', () => {
  it('lists every 2022 control once, only known controls, and reaches every 2013 control', () => {
    expect(correspondenceProblems(loadCorrespondence(), catalog2022, catalog2013)).toEqual([]);
  });

  it('marks the eleven controls new in 2022 with no 2013 counterpart', () => {
    const empty = Object.entries(loadCorrespondence())
      .filter(([, olds]) => olds.length === 0)
      .map(([c]) => c);
    expect(empty).toEqual(['A.5.7', 'A.5.23', 'A.5.30', 'A.7.4', 'A.8.9', 'A.8.10', 'A.8.11', 'A.8.12', 'A.8.16', 'A.8.23', 'A.8.28']);
  });

  it.each([
    ['a missing 2022 control', { 'A.5.1': ['A.5.1.1'] }, '2022 control A.5.2 is not listed'],
    ['an unknown 2013 control', { 'A.5.1': ['A.19.1.1'] }, 'A.5.1 lists unknown 2013 control A.19.1.1'],
    ['a 2013 control twice under one 2022 control', { 'A.5.1': ['A.5.1.1', 'A.5.1.1'] }, 'A.5.1 lists a 2013 control twice'],
    ['an unknown 2022 control', { 'A.9.9': [] }, 'unknown 2022 control A.9.9'],
    ['a 2013 control nothing reaches', { 'A.5.1': ['A.5.1.1'] }, '2013 control A.5.1.2 corresponds to no 2022 control'],
  ])('rejects %s', (_, table, problem) => {
    expect(correspondenceProblems(table, catalog2022, catalog2013)).toContain(problem);
  });
});

describe('mappings of the built-in checks onto the other frameworks', () => {
  it('the CSF mapping maps every built-in check, only to known subcategories, each once, with a rationale', async () => {
    const { checks } = await loadCheckCatalogue();
    const mapping = loadMappings(csfMappingFiles());
    expect(
      mappingProblems(
        mapping,
        checks.map((c) => c.meta.id),
        loadCatalog(CSF_CATALOG_FILE),
      ),
    ).toEqual([]);
    for (const links of Object.values(mapping)) for (const l of links) expect(l.rationale.length).toBeGreaterThan(30);
  });

  it('the derived 2013 mapping maps every built-in check to known controls, each once', async () => {
    const { checks, mapping } = await loadCheckCatalogue();
    const framework = loadFramework('iso27001-2013', mapping);
    expect(
      mappingProblems(
        framework.mapping,
        checks.map((c) => c.meta.id),
        framework.catalog,
      ),
    ).toEqual([]);
  });

  it('derives 2013 links through the correspondence, merging two 2022 paths to one 2013 control', () => {
    const link = (control: string) => ({ control, rationale: 'why it is evidence' });
    const derived = deriveMapping2013({ 'x.y.z': [link('A.5.36'), link('A.8.8'), link('A.8.9')] }, loadCorrespondence());
    expect(derived['x.y.z']?.map((l) => l.control)).toEqual(['A.18.2.2', 'A.18.2.3', 'A.12.6.1']);
    expect(derived['x.y.z']?.[1]?.rationale).toContain('A.5.36 and A.8.8');
  });
});
