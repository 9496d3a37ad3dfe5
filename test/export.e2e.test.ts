import { execFileSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse as parseCsv } from 'csv-parse/sync';
import { extract } from 'tar';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/evidence/files.js';
import { generateKeyPair } from '../src/evidence/sign.js';
import { integrityProblems, MANIFEST } from '../src/evidence/run-folder.js';
import { PACKAGE_ROOT } from '../src/package-info.js';
import { scan } from '../src/scan.js';
import { runCli, tempDir } from './helpers/cli.js';
import { HOSTILE, writeFixtureRun } from './helpers/run-fixture.js';

// NIST's official OSCAL 1.1.3 schema, vendored beside the repository (CI clones shared/ next to it).
const OSCAL_SCHEMA = path.resolve(PACKAGE_ROOT, '../shared/oscal/oscal_assessment-results_schema-1.1.3.json');
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

async function oscalValidator() {
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(await readFile(OSCAL_SCHEMA, 'utf8')));
}

const exportOf = async (dir: string, format: string, extra: string[] = []) => {
  const out = await runCli(['export', dir, '--format', format, ...extra]);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  return out.stdout;
};

let sandboxRun: string;
let fixtureRun: string;
let signedRun: string;
const signing = generateKeyPair();

beforeAll(async () => {
  const root = await tempDir('annexa-export-');
  const { dir } = await scan({ sandbox: 'acme', out: path.join(root, 'sandbox') });
  sandboxRun = dir!;
  fixtureRun = await writeFixtureRun(path.join(root, 'fixture'));
  signedRun = await writeFixtureRun(path.join(root, 'signed'), { signKey: createPrivateKey(signing.privatePem) });
}, 120_000);

describe('annexa export --format oscal', () => {
  it.each([
    ['iso27001-2022', 93],
    ['iso27001-2013', 114],
    ['nist-csf-2.0', 106],
  ])('is valid OSCAL 1.1.3 assessment-results for the acme sandbox read against %s, one finding per control', async (framework, size) => {
    const validate = await oscalValidator();
    const doc = JSON.parse(await exportOf(sandboxRun, 'oscal', ['--framework', framework]));
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    const [result] = doc['assessment-results'].results;
    expect(result.findings).toHaveLength(size);
    expect(result['reviewed-controls']['control-selections'][0]['include-controls']).toHaveLength(size);
  });

  it('holds one TEST observation per result pointing at the snapshot with its hash, and one finding per control from the verdicts', async () => {
    const doc = JSON.parse(await exportOf(sandboxRun, 'oscal'));
    const results = JSON.parse(await readFile(path.join(sandboxRun, 'results.json'), 'utf8')).results;
    const manifest = JSON.parse(await readFile(path.join(sandboxRun, MANIFEST), 'utf8'));
    const controls = JSON.parse(await readFile(path.join(sandboxRun, 'controls.json'), 'utf8')).controls;
    const [result] = doc['assessment-results'].results;
    expect(result.observations).toHaveLength(results.length);
    const uuids = [
      doc['assessment-results'].uuid,
      ...result.observations.map((o: { uuid: string }) => o.uuid),
      ...result.findings.map((f: { uuid: string }) => f.uuid),
    ];
    expect(new Set(uuids).size).toBe(uuids.length);
    for (const [i, o] of result.observations.entries()) {
      expect(o.methods).toEqual(['TEST']);
      expect(o.subjects).toHaveLength(1);
      const snapshotEvidence = o['relevant-evidence'].filter((e: { href: string }) => e.href.startsWith('snapshot.json#'));
      expect(snapshotEvidence.map((e: { href: string }) => decodeURIComponent(e.href.slice('snapshot.json#'.length)))).toEqual(
        results[i]?.factRefs,
      );
      for (const e of snapshotEvidence)
        expect(e.props).toContainEqual(expect.objectContaining({ name: 'sha256', value: manifest.files['snapshot.json'].sha256 }));
    }
    for (const f of result.findings) {
      const control = controls.find((c: { id: string }) => c.id === f.target['target-id']);
      expect(f.target.status.state).toBe(control.status === 'pass' ? 'satisfied' : 'not-satisfied');
      for (const p of f.props ?? []) expect(p.ns).toBe('https://annexa.dev/ns/oscal');
    }
    const failing = result.findings.find((f: { target: { status: { reason: string } } }) => f.target.status.reason === 'fail');
    expect(failing['related-observations'].length).toBeGreaterThan(0);
    const hashes = doc['assessment-results']['back-matter'].resources.map(
      (r: { title: string; rlinks: { hashes: { value: string }[] }[] }) => [r.title, r.rlinks[0]?.hashes[0]?.value],
    );
    expect(hashes).toContainEqual([MANIFEST, sha256(await readFile(path.join(sandboxRun, MANIFEST)))]);
  });

  it('gives the same document, uuid for uuid, when the run is exported twice', async () => {
    expect(await exportOf(fixtureRun, 'oscal')).toBe(await exportOf(fixtureRun, 'oscal'));
  });

  it('carries waivers, exclusions and manual evidence as namespaced props, and stays valid with hostile strings', async () => {
    const validate = await oscalValidator();
    const doc = JSON.parse(await exportOf(fixtureRun, 'oscal'));
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
    const [result] = doc['assessment-results'].results;
    const waived = result.observations.find((o: { title: string }) => o.title.startsWith('aws.s3.default-encryption'));
    expect(waived.props).toContainEqual({ name: 'waiver-reason', ns: 'https://annexa.dev/ns/oscal', value: HOSTILE.waiver });
    expect(waived.props).toContainEqual({ name: 'waiver-ticket', ns: 'https://annexa.dev/ns/oscal', value: 'SEC-42' });
    const excluded = result.findings.find((f: { target: { 'target-id': string } }) => f.target['target-id'] === 'A.7.1');
    expect(excluded.props).toContainEqual(expect.objectContaining({ name: 'exclusion-justification' }));
    const manual = result.findings.find((f: { target: { 'target-id': string } }) => f.target['target-id'] === 'A.6.3');
    expect(manual.props).toContainEqual(
      expect.objectContaining({ name: 'manual-evidence', value: `manual/training-2026.csv sha256:${'a'.repeat(64)}` }),
    );
  });
});

describe('annexa export --format html states what annexa verify finds', () => {
  it('of an untouched sandbox run: verified, every result reproduced, each check named by its title', async () => {
    const html = await exportOf(sandboxRun, 'html');
    const results = JSON.parse(await readFile(path.join(sandboxRun, 'results.json'), 'utf8')).results as unknown[];
    const checks = JSON.parse(await readFile(path.join(sandboxRun, 'checks.json'), 'utf8')).checks as {
      id: string;
      meta: { title: string };
    }[];
    expect(html).toContain('Verified when this report was made');
    expect(html).toContain(`${results.length} of ${results.length} reproduced`);
    expect(html).not.toContain('did not verify');
    const rootMfa = checks.find((c) => c.id === 'aws.iam.root-mfa')!;
    expect(html).toContain(`<code>aws.iam.root-mfa</code> ${rootMfa.meta.title}`);
  });

  it('of a run that cannot be re-evaluated: NOT verified, each problem listed, flagged at the top', async () => {
    const html = await exportOf(fixtureRun, 'html');
    expect(html).toContain('NOT verified when this report was made');
    expect(html.indexOf('did not verify')).toBeLessThan(html.indexOf('id="run"'));
    // A run folder of the fixture's kind (written before checks.json existed) cannot be re-evaluated: that is a problem.
    expect(html).toContain('<li class="problem">checks.json: the manifest does not list it</li>');
  });

  it('flags a control whose newest passing evidence is older than the config allows', async () => {
    const html = await exportOf(fixtureRun, 'html');
    expect(html).toContain('Stale evidence');
    expect(html).toContain(
      'Evidence too old: its newest passing evidence is 120 days old (run 20251101T100000Z-0a0b0c); at most 90 days allowed.',
    );
    expect(html.indexOf('href="#control-A.5.1"')).toBeLessThan(html.indexOf('id="run"'));
  });
});

describe('annexa export --format csv', () => {
  it('writes one row per control × check × resource, one row for each control without checks, quoted and formula-inert', async () => {
    const rows = parseCsv(await exportOf(fixtureRun, 'csv'), { columns: true }) as Record<string, string>[];
    const results = JSON.parse(await readFile(path.join(fixtureRun, 'results.json'), 'utf8')).results as { controls: string[] }[];
    const automated = results.reduce((n, r) => n + r.controls.length, 0);
    const controlsWithChecks = new Set(results.flatMap((r) => r.controls)).size;
    expect(rows).toHaveLength(automated + (93 - controlsWithChecks));
    expect(new Set(rows.map((r) => r.control)).size).toBe(93);
    const hostile = rows.find((r) => r.check === 'aws.s3.public-access-block')!;
    expect(hostile.message).toBe(HOSTILE.message);
    expect(hostile.resource).toBe(HOSTILE.resource);
    expect(JSON.parse(hostile.observed ?? '').note).toBe(HOSTILE.formula);
    const waived = rows.find((r) => r.check === 'aws.s3.default-encryption')!;
    expect([waived.waiver_reason, waived.waiver_expires, waived.waiver_approved_by]).toEqual([
      HOSTILE.waiver,
      '2026-12-31',
      'ciso@example.com',
    ]);
    const excluded = rows.find((r) => r.control === 'A.7.1')!;
    expect([excluded.control_status, excluded.rationale]).toEqual(['excluded', HOSTILE.justification]);
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});

describe('annexa export --format ocsf', () => {
  it('writes one OCSF Detection Finding per result with the base and finding fields OCSF requires', async () => {
    const lines = (await exportOf(sandboxRun, 'ocsf'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const results = JSON.parse(await readFile(path.join(sandboxRun, 'results.json'), 'utf8')).results;
    expect(lines).toHaveLength(results.length);
    for (const [i, e] of lines.entries()) {
      expect(e).toMatchObject({ class_uid: 2004, category_uid: 2, activity_id: 1, type_uid: 200401 });
      expect(typeof e.time).toBe('number');
      expect(e.severity_id).toBeGreaterThanOrEqual(1);
      expect(e.metadata.product.name).toBe('annexa');
      expect(e.metadata.version).toMatch(/^1\.\d+\.\d+$/);
      expect(e.finding_info.uid).toBe(`${results[i].checkId}/${results[i].resource}`);
      expect(e.finding_info.title).toBe(results[i].checkId);
      expect(e.unmapped.annexa_status).toBe(results[i].status);
      expect(e.status_id === 4).toBe(results[i].status === 'pass');
    }
  });
});

describe('annexa export --format bundle', () => {
  it('packs the run folder, report, OSCAL and VERIFY.md; extracted, every hash matches and the run folder still verifies', async () => {
    const work = await tempDir('annexa-bundle-test-');
    const file = path.join(work, 'evidence.tar.gz');
    expect((await exportOf(sandboxRun, 'bundle', ['--output', file])).trim()).toBe(file);
    await extract({ file, cwd: work });
    const runId = path.basename(sandboxRun);
    const top = path.join(work, `annexa-${runId}`);
    expect((await readdir(top)).sort()).toEqual(['SHA256SUMS', 'VERIFY.md', 'oscal-assessment-results.json', 'report.html', runId].sort());
    const sums = (await readFile(path.join(top, 'SHA256SUMS'), 'utf8')).trim().split('\n');
    expect(sums.length).toBe(2 + 1 + Object.keys(JSON.parse(await readFile(path.join(sandboxRun, MANIFEST), 'utf8')).files).length);
    for (const line of sums) {
      const [hash, name = ''] = line.split(/ {2}/);
      expect(sha256(await readFile(path.join(top, name))), name).toBe(hash);
    }
    // VERIFY.md's own instruction, run as the auditor would (coreutils).
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: top, encoding: 'utf8' })).not.toMatch(/FAILED/);
    expect(await integrityProblems(path.join(top, runId))).toEqual([]);
    expect(await readFile(path.join(top, runId, MANIFEST))).toEqual(await readFile(path.join(sandboxRun, MANIFEST)));
    const guide = await readFile(path.join(top, 'VERIFY.md'), 'utf8');
    expect(guide).toContain(`annexa verify ${runId}`);
    expect(guide).toContain('sha256sum -c SHA256SUMS');
    expect(guide).toContain(sha256(await readFile(path.join(sandboxRun, MANIFEST))));
  });

  it('of a signed run carries the public key, and refuses to bundle one without it', async () => {
    const work = await tempDir('annexa-bundle-signed-');
    const refused = await runCli(['export', signedRun, '--format', 'bundle', '--output', path.join(work, 'b.tar.gz')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is signed: give --public-key FILE/);
    const key = path.join(work, 'annexa.pub.pem');
    await writeFile(key, signing.publicPem);
    await exportOf(signedRun, 'bundle', ['--output', path.join(work, 'b.tar.gz'), '--public-key', key]);
    await extract({ file: path.join(work, 'b.tar.gz'), cwd: work });
    const top = path.join(work, `annexa-${path.basename(signedRun)}`);
    expect(await readFile(path.join(top, 'public-key.pem'), 'utf8')).toContain('BEGIN PUBLIC KEY');
    expect(await readFile(path.join(top, 'VERIFY.md'), 'utf8')).toContain('--public-key public-key.pem');
    // The report inside was made with the key: it states the signature holds.
    expect(await readFile(path.join(top, 'report.html'), 'utf8')).toContain('verified with the public key given');
  });
});

describe('annexa export refuses what it cannot vouch for', () => {
  it('exits 1 naming the file when the run folder no longer matches its manifest', async () => {
    const root = await tempDir('annexa-export-tampered-');
    const dir = await writeFixtureRun(root);
    const file = path.join(dir, 'results.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"status": "fail"', '"status": "pass"'));
    const out = await runCli(['export', dir, '--format', 'html']);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(/^annexa: .* does not match its manifest, not exported: results\.json: sha256 /);
  });

  it('exits 2 for a folder without a manifest, and for an unknown format or framework', async () => {
    const empty = await tempDir('annexa-export-empty-');
    expect((await runCli(['export', empty, '--format', 'csv'])).code).toBe(2);
    expect((await runCli(['export', fixtureRun, '--format', 'pdf'])).code).toBe(2);
    expect((await runCli(['export', fixtureRun, '--format', 'csv', '--framework', 'soc2'])).code).toBe(2);
  });
});

describe('--framework on the summary and on controls', () => {
  it('scan --framework iso27001-2013 summarises the same results by 2013 clause, over 114 controls', async () => {
    const dir = await tempDir('annexa-scan-2013-');
    const { code, stdout } = await runCli(['scan', '--sandbox', '--demo', '--framework', 'iso27001-2013'], { cwd: dir });
    expect(code).toBe(0);
    expect(stdout).toContain('ISO/IEC 27001:2013 Annex A by clause');
    expect(stdout).toMatch(/^A\.9 Access control\s+\d+/m);
    expect(stdout).toMatch(/^All 114 controls/m);
  });

  it('controls --framework nist-csf-2.0 --json lists the 106 subcategories with the checks behind each', async () => {
    const { code, stdout } = await runCli(['controls', '--framework', 'nist-csf-2.0', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; checks: string[] }[];
    expect(rows).toHaveLength(106);
    expect(rows.find((r) => r.id === 'PR.DS-02')!.checks).toEqual(
      expect.arrayContaining(['tls.protocol-versions', 'aws.s3.secure-transport']),
    );
    expect(rows.find((r) => r.id === 'RC.CO-04')!.checks).toEqual([]);
  });
});
