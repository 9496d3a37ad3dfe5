import { execFileSync } from 'node:child_process';
import { cp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validatorFor } from '../src/core/schemas.js';
import type { Result } from '../src/core/types.js';
import { sha256 } from '../src/evidence/files.js';
import { jsonText, MANIFEST } from '../src/evidence/run-folder.js';
import { runCli, tempDir, type CliRun } from './helpers/cli.js';
import { nth } from './helpers/nth.js';

const PLUGIN = path.resolve(import.meta.dirname, 'fixtures/plugin');
const CHECKS = 'aws.iam.root-mfa,aws.s3.versioning,github.repo.branch-protection,tls.certificate,tls.tls13-offered';
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));

/** One folder per test case: the scanned evidence folder is copied, so that each tampering starts from intact runs. */
let work: string;
let first: string;
let second: string;
let stale: { id: string; newestPass: unknown }[];

beforeAll(async () => {
  work = await tempDir('annexa-verify-');
  await cp(PLUGIN, path.join(work, 'plugin'), { recursive: true });
  await writeFile(path.join(work, 'policy.txt'), 'Information security policy, approved 2026-01-05\n');
  await writeFile(
    path.join(work, 'annexa.config.yaml'),
    [
      'plugins:',
      '  - checks: plugin',
      '    mapping: plugin/mapping.yaml',
      'evidence:',
      '  maxAgeDays:',
      '    A.5.1: 30',
      '    A.8.5: 30',
      '  manual:',
      '    - control: A.5.1',
      '      file: policy.txt',
      '      description: the board-approved policy',
      '',
    ].join('\n'),
  );
  const keygen = await runCli(['keygen', '--out', 'signing'], { cwd: work });
  expect(keygen.code).toBe(0);
  const scan = (): Promise<CliRun> =>
    runCli(
      [
        'scan',
        '--sandbox',
        '--checks',
        CHECKS,
        '--out',
        'evidence',
        '--json',
        '--sign-key',
        'signing.key',
        '--fail-on',
        'none',
        '--allow-errors',
      ],
      { cwd: work },
    );
  const runs = [await scan(), await scan()];
  for (const r of runs) expect(r.stderr).not.toMatch(/^annexa: /m);
  const ids = runs.map((r) => JSON.parse(r.stdout).id as string);
  [first, second] = [nth(ids, 0), nth(ids, 1)];
  stale = JSON.parse(nth(runs, 1).stdout).stale;
}, 240_000);

/** A fresh copy of the two runs; returns the copy's evidence folder. */
async function copyEvidence(): Promise<string> {
  const dir = await tempDir('annexa-verify-case-');
  await cp(path.join(work, 'evidence'), path.join(dir, 'evidence'), { recursive: true });
  return path.join(dir, 'evidence');
}

const verify = (runDir: string, ...flags: string[]) =>
  runCli(['verify', runDir, '--public-key', path.join(work, 'signing.pub'), '--checks-dir', path.join(work, 'plugin'), ...flags], {
    cwd: work,
  });

async function flipByte(file: string, at = 0.5): Promise<void> {
  const bytes = await readFile(file);
  const i = Math.floor(bytes.length * at);
  bytes[i] = bytes[i] === 0x31 ? 0x32 : 0x31;
  await writeFile(file, bytes);
}

describe('annexa verify', () => {
  it('exits 0 on an untouched signed run, having re-evaluated every result from its snapshot', async () => {
    const { code, stdout } = await verify(path.join(work, 'evidence', second), '--json');
    const report = JSON.parse(stdout);
    expect(report.problems).toEqual([]);
    expect(code).toBe(0);
    expect(report.signature.status).toBe('verified');
    expect(report.chain.runs).toBe(2);
    expect(report.reevaluation.checks).toBe(CHECKS.split(',').length);
    expect(report.reevaluation.reproduced).toBe(report.reevaluation.results);
    expect(report.reevaluation.results).toBeGreaterThan(10);
  }, 60_000);

  it('writes checks.json (checks, plugin marked with its source hash, mapping with rationale) and the manual evidence, all under the manifest', async () => {
    const runDir = path.join(work, 'evidence', first);
    const manifest = await readJson(path.join(runDir, MANIFEST));
    const checks = await readJson(path.join(runDir, 'checks.json'));
    for (const [name, doc] of [
      ['manifest', manifest],
      ['checks', checks],
      ['controls', await readJson(path.join(runDir, 'controls.json'))],
    ] as const) {
      const validate = validatorFor(name);
      expect(validate(doc), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const plugin = checks.checks.find((c: { id: string }) => c.id === 'tls.tls13-offered');
    expect(plugin).toMatchObject({
      origin: 'plugin',
      source: { sha256: sha256(await readFile(path.join(work, 'plugin/tls.tls13-offered.mjs'))) },
    });
    expect(manifest.plugins).toEqual([{ checkId: 'tls.tls13-offered', file: plugin.source.file, sha256: plugin.source.sha256 }]);
    expect(checks.checks.find((c: { id: string }) => c.id === 'aws.iam.root-mfa')).toMatchObject({
      origin: 'builtin',
      version: manifest.tool.version,
      meta: { severity: 'critical' },
    });
    expect(checks.mapping['aws.iam.root-mfa'][0].rationale.length).toBeGreaterThan(10);
    const policy = manifest.files['manual/A.5.1/policy.txt'];
    expect(policy.sha256).toBe(sha256(await readFile(path.join(work, 'policy.txt'))));
    const controls = (await readJson(path.join(runDir, 'controls.json'))).controls;
    expect(controls.find((c: { id: string }) => c.id === 'A.5.1')).toMatchObject({
      status: 'manual',
      manualEvidence: [{ path: 'manual/A.5.1/policy.txt', sha256: policy.sha256, description: 'the board-approved policy' }],
    });
  });

  it('flags a control without recent passing evidence as stale; attached manual evidence counts as evidence', async () => {
    expect(stale).toEqual([{ id: 'A.8.5', maxAgeDays: 30, newestPass: null, ageDays: null, stale: true }]);
    const controls = (await readJson(path.join(work, 'evidence', second, 'controls.json'))).controls;
    expect(controls.find((c: { id: string }) => c.id === 'A.5.1').freshness).toMatchObject({
      newestPass: { runId: second },
      ageDays: 0,
      stale: false,
    });
  });

  it.each([['results.json'], ['controls.json'], ['snapshot.json'], ['checks.json'], ['manual/A.5.1/policy.txt']])(
    'exits 1 naming %s when one byte of it changes',
    async (name) => {
      const out = await copyEvidence();
      await flipByte(path.join(out, second, name));
      const { code, stdout } = await verify(path.join(out, second));
      expect(code).toBe(1);
      expect(stdout).toContain(`${name}: sha256 `);
    },
    60_000,
  );

  it('exits 1 when one byte of the manifest changes: its signature no longer covers it, and the next run no longer links to it', async () => {
    const out = await copyEvidence();
    const file = path.join(out, first, MANIFEST);
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace(/"durationMs": (\d)/, (_, d) => `"durationMs": ${(Number(d) + 1) % 10}`),
    );
    const own = await verify(path.join(out, first));
    expect(own.code).toBe(1);
    expect(own.stdout).toMatch(/signature: the manifest differs from the one signed in durationMs/);
    expect(own.stdout).toMatch(new RegExp(`chain: broken link: ${second} records ${first}/manifest.json`));
  }, 60_000);

  it('exits 1 when the envelope or its signature is altered, or the key is not the signer', async () => {
    const out = await copyEvidence();
    const envelopeFile = path.join(out, second, 'attestation.intoto.jsonl');
    const envelope = await readJson(envelopeFile);
    const sig = Buffer.from(envelope.signatures[0].sig, 'base64');
    sig.writeUInt8(sig.readUInt8(0) ^ 1, 0);
    envelope.signatures[0].sig = sig.toString('base64');
    await writeFile(envelopeFile, `${JSON.stringify(envelope)}\n`);
    const tampered = await verify(path.join(out, second));
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain("signature: attestation.intoto.jsonl does not carry the manifest's signature");

    const other = await runCli(['keygen', '--out', 'other'], { cwd: path.dirname(out) });
    expect(other.code).toBe(0);
    const wrongKey = await runCli(
      [
        'verify',
        path.join(work, 'evidence', second),
        '--public-key',
        path.join(path.dirname(out), 'other.pub'),
        '--checks-dir',
        path.join(work, 'plugin'),
      ],
      { cwd: work },
    );
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toMatch(/signature: made with key [0-9a-f]{64}, but the public key given is [0-9a-f]{64}/);
  }, 60_000);

  it('exits 1 when the signature value in the manifest is forged with the right key id', async () => {
    const out = await copyEvidence();
    const file = path.join(out, second, MANIFEST);
    const manifest = await readJson(file);
    const envelopeFile = path.join(out, second, manifest.signature.envelope);
    const envelope = await readJson(envelopeFile);
    const forged = Buffer.alloc(64, 7).toString('base64');
    manifest.signature.value = forged;
    envelope.signatures[0].sig = forged;
    await writeFile(file, jsonText(manifest));
    await writeFile(envelopeFile, `${JSON.stringify(envelope)}\n`);
    const { code, stdout } = await verify(path.join(out, second));
    expect(code).toBe(1);
    expect(stdout).toContain('signature: the Ed25519 signature does not verify with the public key given');
  }, 60_000);

  it('exits 1 naming a removed file', async () => {
    const out = await copyEvidence();
    await rm(path.join(out, second, 'snapshot.json'));
    const { code, stdout } = await verify(path.join(out, second));
    expect(code).toBe(1);
    expect(stdout).toContain('snapshot.json: missing (the manifest lists it)');
  }, 60_000);

  it('exits 1 naming a gap when a run in the middle of the chain is removed, and a file the manifest does not cover', async () => {
    const out = await copyEvidence();
    // A third run after the second (unsigned), then the second removed.
    const third = '29991231T235959Z-abcdef';
    await cp(path.join(out, second), path.join(out, third), { recursive: true });
    await rm(path.join(out, third, 'attestation.intoto.jsonl'));
    const manifest = await readJson(path.join(out, third, MANIFEST));
    manifest.previous = { runId: second, manifestSha256: sha256(await readFile(path.join(out, second, MANIFEST))) };
    manifest.signature = null;
    await writeFile(path.join(out, third, MANIFEST), jsonText(manifest));
    await rm(path.join(out, second), { recursive: true });
    await writeFile(path.join(out, first, 'extra.txt'), 'added later\n');
    const { code, stdout } = await verify(path.join(out, first));
    expect(code).toBe(1);
    expect(stdout).toContain(`chain: gap: ${third} follows ${second}, which is not in the folder`);
    expect(stdout).toContain(`chain: gap after ${first}`);
    expect(stdout).toContain('extra.txt: in the run folder but not covered by the manifest');
  }, 60_000);

  /**
   * Writes the first run's edited `manifest` back unsigned (what is tampered with is for the
   * re-evaluation to catch, not the signature) and verifies that run alone.
   */
  async function verifyUnsigned(out: string, runDir: string, manifest: Record<string, unknown>) {
    manifest.signature = null;
    await rm(path.join(runDir, 'attestation.intoto.jsonl'));
    await writeFile(path.join(runDir, MANIFEST), jsonText(manifest));
    await rm(path.join(out, second), { recursive: true });
    return runCli(['verify', runDir, '--checks-dir', path.join(work, 'plugin')], { cwd: work });
  }

  it('exits 1 naming the result when a fail is edited to pass and every hash is recomputed (unsigned run)', async () => {
    const out = await copyEvidence();
    const runDir = path.join(out, first);
    const manifest = await readJson(path.join(runDir, MANIFEST));
    const results = await readJson(path.join(runDir, 'results.json'));
    const victim = results.results.find((r: Result) => r.status === 'fail') as Result;
    expect(victim).toBeDefined();
    victim.status = 'pass';
    const text = jsonText(results);
    await writeFile(path.join(runDir, 'results.json'), text);
    manifest.files['results.json'] = { sha256: sha256(text), bytes: Buffer.byteLength(text) };
    manifest.counts.pass++;
    manifest.counts.fail--;
    const { code, stdout } = await verifyUnsigned(out, runDir, manifest);
    expect(code).toBe(1);
    expect(stdout).toContain(`result ${victim.checkId} × ${victim.resource}: recorded pass`);
    expect(stdout).toMatch(/but its snapshot gives fail/);
  }, 60_000);

  it('exits 1 when a shard manifest says a split target left checks to other shards that its snapshot does not (unsigned run)', async () => {
    const out = await copyEvidence();
    const runDir = path.join(out, first);
    const manifest = await readJson(path.join(runDir, MANIFEST));
    manifest.scope.shard = { index: 0, count: 2, elsewhere: [{ target: manifest.scope.targets[0].id, checks: ['aws.iam.root-mfa'] }] };
    const { code, stdout } = await verifyUnsigned(out, runDir, manifest);
    expect(code).toBe(1);
    expect(stdout).toContain('scope.shard.elsewhere: the checks that split targets left to other shards do not follow from the snapshot');
  }, 60_000);

  it('exits 1, not 2, when a file is replaced by JSON of another shape with its hash recomputed', async () => {
    const out = await copyEvidence();
    const runDir = path.join(out, first);
    const text = jsonText({ runId: first, results: 'all pass' });
    await writeFile(path.join(runDir, 'results.json'), text);
    const manifest = await readJson(path.join(runDir, MANIFEST));
    manifest.files['results.json'] = { sha256: sha256(text), bytes: Buffer.byteLength(text) };
    await writeFile(path.join(runDir, MANIFEST), jsonText(manifest));
    const { code, stdout } = await verify(runDir);
    expect(code).toBe(1);
    expect(stdout).toContain('results.json: results: must be array');
    expect(stdout).toContain('the results cannot be re-evaluated');
  }, 60_000);

  it('names a plugin check that was not given, and one whose source changed, instead of passing it', async () => {
    const runDir = path.join(work, 'evidence', second);
    const without = await runCli(['verify', runDir, '--public-key', path.join(work, 'signing.pub')], { cwd: work });
    expect(without.code).toBe(1);
    expect(without.stdout).toMatch(/check tls\.tls13-offered: a plugin check \(.*tls\.tls13-offered\.mjs\) that was not given/);

    const changed = await tempDir('annexa-verify-plugin-');
    await cp(PLUGIN, changed, { recursive: true });
    await writeFile(
      path.join(changed, 'tls.tls13-offered.mjs'),
      `${await readFile(path.join(changed, 'tls.tls13-offered.mjs'), 'utf8')}\n// edited\n`,
    );
    const edited = await runCli(['verify', runDir, '--public-key', path.join(work, 'signing.pub'), '--checks-dir', changed], { cwd: work });
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(/check tls\.tls13-offered: the available check is not the version that judged the run/);
  }, 60_000);

  it('exits 2 when the folder is not a run folder', async () => {
    const missing = await runCli(['verify', path.join(work, 'no-such-run')], { cwd: work });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^annexa: .*no-such-run: no such run folder/);
  });
});

describe('annexa scan --replay', () => {
  it("reproduces the run's results from its snapshot alone, with no API call, and writes nothing unless told", async () => {
    const runDir = path.join(work, 'evidence', first);
    const before = (await readdir(path.join(work, 'evidence'))).length;
    const { code, stdout } = await runCli(
      ['scan', '--replay', runDir, '--checks', CHECKS, '--json', '--fail-on', 'none', '--allow-errors'],
      { cwd: work },
    );
    expect(code).toBe(0);
    const replay = JSON.parse(stdout);
    expect(replay.scope.replayOf).toMatchObject({ runId: first });
    expect(replay.budget).toEqual({});
    expect(replay.evidence).toBeNull();
    expect((await readdir(path.join(work, 'evidence'))).length).toBe(before);
    const recorded = (await readJson(path.join(runDir, 'results.json'))).results;
    const key = (r: Result) => JSON.stringify([r.checkId, r.resource, r.status, r.message, r.observed, r.factRefs, r.controls]);
    expect(replay.results.map(key).sort()).toEqual(recorded.map(key).sort());
  }, 60_000);

  it('refuses a snapshot that no longer matches its manifest (exit 2)', async () => {
    const out = await copyEvidence();
    await flipByte(path.join(out, first, 'snapshot.json'));
    const { code, stderr } = await runCli(['scan', '--replay', path.join(out, first)], { cwd: work });
    expect(code).toBe(2);
    expect(stderr).toMatch(/snapshot\.json does not match the manifest's sha256/);
  });
});

describe('signing', () => {
  it('keygen writes the private key mode 0600, never prints it, and never overwrites a key', async () => {
    const dir = await tempDir();
    const { code, stdout } = await runCli(['keygen'], { cwd: dir });
    expect(code).toBe(0);
    const key = await readFile(path.join(dir, 'annexa-signing.key'), 'utf8');
    expect((await stat(path.join(dir, 'annexa-signing.key'))).mode & 0o777).toBe(0o600);
    expect(stdout).not.toContain(key.split('\n')[1]);
    const again = await runCli(['keygen'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(await readFile(path.join(dir, 'annexa-signing.key'), 'utf8')).toBe(key);
  });

  it('the DSSE envelope is an in-toto Statement over the run files that OpenSSL verifies on its own', async () => {
    const runDir = path.join(work, 'evidence', second);
    const manifest = await readJson(path.join(runDir, MANIFEST));
    const envelope = await readJson(path.join(runDir, manifest.signature.envelope));
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    const body = Buffer.from(envelope.payload, 'base64');
    const statement = JSON.parse(body.toString('utf8'));
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    for (const s of statement.subject) expect(sha256(await readFile(path.join(runDir, s.name)))).toBe(s.digest.sha256);
    expect(statement.subject.map((s: { name: string }) => s.name)).toContain('results.json');
    // PAE as the DSSE protocol spells it, built here by hand, checked by another implementation.
    const pae = Buffer.concat([
      Buffer.from(`DSSEv1 ${Buffer.byteLength(envelope.payloadType)} ${envelope.payloadType} ${body.length} `),
      body,
    ]);
    const dir = await tempDir();
    await writeFile(path.join(dir, 'pae'), pae);
    await writeFile(path.join(dir, 'sig'), Buffer.from(envelope.signatures[0].sig, 'base64'));
    const out = execFileSync('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      path.join(work, 'signing.pub'),
      '-rawin',
      '-in',
      path.join(dir, 'pae'),
      '-sigfile',
      path.join(dir, 'sig'),
    ]).toString();
    expect(out).toMatch(/Signature Verified Successfully/);
  });
});
