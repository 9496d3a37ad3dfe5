import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { integrityProblems } from '../../src/evidence/run-folder.js';
import { STEP_SUMMARY_MAX_BYTES } from '../../src/report/markdown.js';
import { runCli, tempDir } from '../helpers/cli.js';

// The official OASIS schema, vendored beside the repository (see ../shared/schemas/README.md).
const SARIF_SCHEMA = path.resolve(import.meta.dirname, '../../../shared/schemas/sarif-schema-2.1.0.json');
// Both are CommonJS: under NodeNext resolution the default import is the module, whose default is the export.
const Ajv04 = (Ajv04Module as unknown as { default: typeof Ajv04Module.default }).default;
const addFormats = addFormatsModule as unknown as (ajv: InstanceType<typeof Ajv04>) => void;

async function sarifValidator() {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(await readFile(SARIF_SCHEMA, 'utf8')));
}

interface Counted {
  status: string;
  waiver?: unknown;
  checkId: string;
  resource: string;
}

describe('--format: reports that CI systems show natively', () => {
  it(
    'writes SARIF, JUnit, Markdown and JSON into the run folder (hashed by the manifest), to --output-file paths, and appends the Markdown to $GITHUB_STEP_SUMMARY under its 1 MiB cap',
    { timeout: 120_000 },
    async () => {
      const dir = await tempDir();
      const nextYear = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
      await writeFile(
        path.join(dir, 'annexa.config.yaml'),
        `failOn: high\nexceptions:\n  - { check: aws.iam.console-mfa, resources: ["*carol*"], reason: key on order, approvedBy: ciso, expires: "${nextYear}" }\n`,
      );
      const stepSummary = path.join(dir, 'step-summary.md');
      const earlier = `${'x'.repeat(STEP_SUMMARY_MAX_BYTES - 3000)}\n`;
      await writeFile(stepSummary, earlier);
      const { code, stdout, stderr } = await runCli(
        [
          'scan',
          '--sandbox',
          '--checks',
          'aws.*',
          '--json',
          '--format',
          'sarif,junit',
          '--format',
          'markdown,json',
          '--output-file',
          'out/annexa.sarif',
          '--output-file',
          'out/junit.xml',
        ],
        { cwd: dir, env: { GITHUB_STEP_SUMMARY: stepSummary } },
      );
      expect(stderr).not.toMatch(/annexa: /);
      const summary = JSON.parse(stdout);
      expect(code).toBe(summary.gate.passed ? 0 : 1);
      const runDir = summary.evidence.dir;
      const manifest = JSON.parse(await readFile(path.join(runDir, 'manifest.json'), 'utf8'));
      expect(Object.keys(manifest.files).sort()).toEqual([
        'checks.json',
        'controls.json',
        'junit.xml',
        'results.json',
        'results.sarif',
        'snapshot.json',
        'summary.json',
        'summary.md',
      ]);
      expect(await integrityProblems(runDir)).toEqual([]);
      const results: Counted[] = summary.results;

      // SARIF: valid against the official schema; what GitHub code scanning needs on top.
      const sarifText = await readFile(path.join(runDir, 'results.sarif'), 'utf8');
      expect(await readFile(path.join(dir, 'out/annexa.sarif'), 'utf8')).toBe(sarifText);
      const sarif = JSON.parse(sarifText);
      const validate = await sarifValidator();
      expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      const run = sarif.runs[0];
      const flagged = results.filter((r) => r.status === 'fail' || r.status === 'error');
      expect(run.results).toHaveLength(flagged.length);
      for (const r of run.results) {
        expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe('annexa.config.yaml');
        expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      }
      const waived = run.results.filter((r: { suppressions?: { status: string }[] }) => r.suppressions?.[0]?.status === 'accepted');
      expect(waived).toHaveLength(results.filter((r) => r.waiver).length);
      expect(waived.length).toBeGreaterThan(0);
      const fingerprints = run.results.map(
        (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['annexaResource/v1'],
      );
      expect(new Set(fingerprints).size).toBe(fingerprints.length);
      const rootMfa = run.tool.driver.rules.find((x: { id: string }) => x.id === 'aws.iam.root-mfa');
      expect(rootMfa.properties['security-severity']).toMatch(/^\d+\.\d$/);
      expect(rootMfa.help.text.length).toBeGreaterThan(20);

      // JUnit: parsed back by an XML parser, with the counts of results.json.
      const xml = new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        isArray: (name) => ['testsuite', 'testcase'].includes(name),
      }).parse(await readFile(path.join(dir, 'out/junit.xml'), 'utf8'));
      const suites = xml.testsuites.testsuite as { name: string; tests: string; testcase: Record<string, unknown>[] }[];
      expect(suites.map((s) => s.name)).toEqual([...new Set(results.map((r) => r.checkId))].sort());
      const cases = suites.flatMap((s) => s.testcase);
      expect(cases).toHaveLength(results.length);
      expect(Number(xml.testsuites.tests)).toBe(results.length);
      expect(cases.filter((c) => 'failure' in c)).toHaveLength(results.filter((r) => r.status === 'fail' && !r.waiver).length);
      expect(Number(xml.testsuites.failures)).toBe(results.filter((r) => r.status === 'fail' && !r.waiver).length);
      expect(cases.filter((c) => 'error' in c)).toHaveLength(results.filter((r) => r.status === 'error').length);
      expect(cases.filter((c) => 'skipped' in c)).toHaveLength(results.filter((r) => r.status === 'not_applicable' || r.waiver).length);

      // Markdown: the verdict in the run folder, and appended to the step summary without passing the cap.
      const md = await readFile(path.join(runDir, 'summary.md'), 'utf8');
      expect(md).toMatch(new RegExp(`^## annexa: gate ${summary.gate.passed ? 'passed' : 'FAILED'}\\n`));
      expect(md).toContain('### Failing controls');
      const step = await readFile(stepSummary, 'utf8');
      expect(step.startsWith(earlier)).toBe(true);
      expect(step.length).toBeGreaterThan(earlier.length);
      expect((await stat(stepSummary)).size).toBeLessThanOrEqual(STEP_SUMMARY_MAX_BYTES);

      const json = JSON.parse(await readFile(path.join(runDir, 'summary.json'), 'utf8'));
      expect(json.gate).toEqual(summary.gate);
    },
  );

  it('refuses an unknown format and an --output-file it cannot place (exit 2)', { timeout: 120_000 }, async () => {
    expect((await runCli(['scan', '--sandbox', '--format', 'html'])).stderr).toBe(
      'annexa: --format html: expected one or more of sarif, junit, markdown, json\n',
    );
    const r = await runCli(['scan', '--sandbox', '--format', 'sarif,junit', '--output-file', 'report.txt']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^annexa: --output-file report\.txt: cannot tell which of --format sarif,junit it is for/);
  });
});
