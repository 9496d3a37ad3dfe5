import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckCatalogue } from './catalogue.js';
import { builtinMapping, loadCatalog, MAPPED_FRAMEWORKS, mappingProblems } from './mapping.js';

const catalog = loadCatalog();

describe('the Annex A catalog', () => {
  it('holds exactly the 93 controls of ISO/IEC 27001:2022, each once', () => {
    expect(catalog).toHaveLength(93);
    expect(new Set(catalog.map((c) => c.id)).size).toBe(93);
    const perTheme: Record<string, number> = {};
    for (const c of catalog) perTheme[c.theme] = (perTheme[c.theme] ?? 0) + 1;
    expect(perTheme).toEqual({ organizational: 37, people: 8, physical: 14, technological: 34 });
  });
});

describe('the built-in mapping', () => {
  it('maps every built-in check, only to known controls, each control once, with a rationale', async () => {
    const { checks, mapping } = await loadCheckCatalogue();
    expect(checks.length).toBeGreaterThan(0);
    expect(
      mappingProblems(
        mapping,
        checks.map((c) => c.meta.id),
        catalog,
      ),
    ).toEqual([]);
    for (const links of Object.values(mapping)) for (const l of links) expect(l.rationale.length).toBeGreaterThan(30);
  });

  it('maps no check in two files', () => {
    for (const framework of MAPPED_FRAMEWORKS) expect(() => builtinMapping(framework)).not.toThrow();
  });
});

describe('the built-in mapping files: one entry per check, covering every framework', () => {
  const links = '[{ control: A.8.5, rationale: why it is evidence }]';
  const dirWith = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'annexa-mapping-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  };

  it('reads each framework from its key of the entry', () => {
    const dir = dirWith({ 'x.yaml': `x.y.z:\n  iso27001-2022: ${links}\n  nist-csf-2.0: [{ control: PR.AA-03, rationale: r }]\n` });
    expect(builtinMapping('iso27001-2022', dir)).toEqual({ 'x.y.z': [{ control: 'A.8.5', rationale: 'why it is evidence' }] });
    expect(builtinMapping('nist-csf-2.0', dir)).toEqual({ 'x.y.z': [{ control: 'PR.AA-03', rationale: 'r' }] });
  });

  it.each([
    [
      'a framework missing',
      `x.y.z:\n  iso27001-2022: ${links}\n`,
      'x.y.z must map to exactly these frameworks: iso27001-2022, nist-csf-2.0',
    ],
    [
      'a misspelt framework',
      `x.y.z:\n  iso27001-2022: ${links}\n  nist-csf-2: ${links}\n  nist-csf-2.0: ${links}\n`,
      'x.y.z must map to exactly these frameworks',
    ],
    ['the list of a plugin mapping file', `x.y.z: ${links}\n`, 'x.y.z must map to exactly these frameworks'],
    [
      'a link without a rationale',
      `x.y.z:\n  iso27001-2022: [{ control: A.8.5 }]\n  nist-csf-2.0: ${links}\n`,
      'x.y.z iso27001-2022 must be a list',
    ],
  ])('refuses %s', (_, text, problem) => {
    expect(() => builtinMapping('iso27001-2022', dirWith({ 'x.yaml': text }))).toThrow(problem);
  });

  it('refuses a check mapped in two files', () => {
    const entry = `x.y.z:\n  iso27001-2022: ${links}\n  nist-csf-2.0: ${links}\n`;
    expect(() => builtinMapping('nist-csf-2.0', dirWith({ 'a.yaml': entry, 'b.yaml': entry }))).toThrow(
      'b.yaml: x.y.z is already mapped in another mapping file',
    );
  });
});

describe('mappingProblems', () => {
  const link = (control: string) => ({ control, rationale: 'why it is evidence' });
  it.each([
    ['a check with no mapping', {}, ['x.y.z'], 'check x.y.z is not mapped to any control'],
    ['a check with an empty list', { 'x.y.z': [] }, ['x.y.z'], 'check x.y.z is not mapped to any control'],
    ['an unknown check', { 'x.y.z': [link('A.8.5')], 'x.y.gone': [link('A.8.5')] }, ['x.y.z'], 'mapping names unknown check x.y.gone'],
    ['an unknown control', { 'x.y.z': [link('A.9.1')] }, ['x.y.z'], 'x.y.z maps to unknown control A.9.1'],
    ['a control listed twice under one check', { 'x.y.z': [link('A.8.5'), link('A.8.5')] }, ['x.y.z'], 'x.y.z maps to A.8.5 twice'],
  ])('rejects %s', (_, mapping, checks, problem) => {
    expect(mappingProblems(mapping, checks, catalog)).toContain(problem);
  });

  it('accepts a complete, valid mapping', () => {
    expect(mappingProblems({ 'x.y.z': [link('A.8.5'), link('A.5.17')] }, ['x.y.z'], catalog)).toEqual([]);
  });
});
