import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { FactRecord, Result } from '../src/core/types.js';
import { verifyRun } from '../src/evidence/verify.js';
import type { InjectRule } from '../src/sandbox/faults.js';
import { scan, type ScanOutcome } from '../src/scan.js';
import { tempDir } from './helpers/cli.js';
import { ageless } from './helpers/per-sandbox.js';

/**
 * The acme estate (AWS and GitHub) scanned through the real SDK and Octokit
 * while the sandboxes inject faults per request, compared with the same
 * scan without faults. Time limits are small so that stalls end quickly.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const CALL_TIMEOUT_MS = 9_000;
const TRANSIENT: InjectRule['kinds'] = ['throttle', 'internal', 'unavailable', 'reset', 'stall'];

let cwd: string;
let acme: Record<string, Record<string, unknown>>;

async function scanWith(faults: { aws?: InjectRule[]; github?: InjectRule[] }, name: string): Promise<ScanOutcome> {
  const scenario = structuredClone(acme);
  delete scenario.tls; // TLS faults are not part of this test
  scenario.name = name as never;
  if (faults.aws) scenario.aws!.faults = { ...(scenario.aws!.faults as object), inject: faults.aws };
  if (faults.github) scenario.github!.faults = { ...(scenario.github!.faults as object), inject: faults.github };
  const file = path.join(cwd, `${name}.yaml`);
  await writeFile(file, stringify(scenario));
  const outcome = await scan({
    sandbox: file,
    checks: ['aws.*', 'github.*'],
    out: path.join(cwd, name),
    callTimeoutMs: CALL_TIMEOUT_MS,
    env: {},
  });
  // Whatever the faults, the run folder is complete and verifies.
  const report = await verifyRun(outcome.dir!);
  expect(report.problems).toEqual([]);
  return outcome;
}

const key = (r: Result) => `${r.checkId} ${r.resource}`;
const verdicts = (o: ScanOutcome) => new Map(o.run.results.map((r) => [key(r), { status: r.status, message: ageless(r.message) }]));

/** Refs of the facts that called `operation`, and of every fact that rests on one of them. */
function factsCalling(facts: FactRecord[], operation: string): Set<string> {
  const refs = new Set(facts.filter((f) => f.calls.some((c) => c.operation === operation)).map((f) => f.ref));
  for (let grew = true; grew;) {
    grew = false;
    for (const f of facts)
      if (!refs.has(f.ref) && f.dependsOn?.some((d) => refs.has(d))) {
        refs.add(f.ref);
        grew = true;
      }
  }
  return refs;
}

/** With a persistent fault on `operation`: results that read it are errors naming it, every other result is unchanged. */
function expectOnlyDependentsFailed(clean: ScanOutcome, faulty: ScanOutcome, operation: string, cause: RegExp) {
  const needing = factsCalling(clean.run.facts, operation);
  expect(needing.size).toBeGreaterThan(0);
  const after = new Map(faulty.run.results.map((r) => [key(r), r]));
  expect([...after.keys()].sort()).toEqual(clean.run.results.map(key).sort());
  let errors = 0;
  for (const r of clean.run.results) {
    const now = after.get(key(r))!;
    if (r.factRefs.some((f) => needing.has(f))) {
      expect(now.status, key(r)).toBe('error');
      expect(now.message, key(r)).toMatch(cause);
      errors += 1;
    } else {
      expect({ status: now.status, message: ageless(now.message) }, key(r)).toEqual({ status: r.status, message: ageless(r.message) });
    }
  }
  expect(errors).toBeGreaterThan(0);
}

let clean: ScanOutcome;

beforeAll(async () => {
  cwd = await tempDir('annexa-faults-');
  acme = parse(await readFile(path.join(ROOT, 'fixtures/scenarios/acme.yaml'), 'utf8')) as typeof acme;
  clean = await scanWith({}, 'clean');
}, 120_000);

describe('faults injected by the sandboxes, scanned through the real clients', () => {
  it('with 10 % transient faults on every API the results are those of a run without faults', async () => {
    const rule = (seed: number): InjectRule[] => [{ percent: 10, kinds: TRANSIENT, seed }];
    const faulty = await scanWith({ aws: rule(11), github: rule(12) }, 'transient');
    expect(verdicts(faulty)).toEqual(verdicts(clean));
  }, 240_000);

  it('a persistent 500 on one AWS API makes exactly the results that need it errors, naming it', async () => {
    const faulty = await scanWith({ aws: [{ match: ['s3:GetBucketEncryption'], percent: 100, kinds: ['internal'] }] }, 'aws-persistent');
    // The sandbox names the SDK's operation; annexa's call log names the IAM action that authorises it.
    expectOnlyDependentsFailed(clean, faulty, 's3:GetEncryptionConfiguration', /s3:GetEncryptionConfiguration/);
  }, 240_000);

  it('a persistent malformed answer on one GitHub API makes exactly the results that need it errors, naming it', async () => {
    const route = 'GET /orgs/{org}/actions/permissions';
    const faulty = await scanWith({ github: [{ match: [route], percent: 100, kinds: ['malformed'] }] }, 'github-persistent');
    expectOnlyDependentsFailed(clean, faulty, route, /actions\/permissions/);
  }, 240_000);

  it('no fault of any kind makes a result pass that the run without faults does not pass', async () => {
    const rule = (seed: number): InjectRule[] => [{ percent: 30, seed }];
    const faulty = await scanWith({ aws: rule(21), github: rule(22) }, 'every-kind');
    const before = verdicts(clean);
    let changed = 0;
    for (const r of faulty.run.results) {
      const was = before.get(key(r));
      if (r.status === 'pass') expect(was?.status, key(r)).toBe('pass');
      if (was?.status !== r.status) {
        // A fault can only turn a verdict into an error, never into another verdict.
        expect(r.status, key(r)).toBe('error');
        changed += 1;
      }
    }
    expect(changed).toBeGreaterThan(0);
  }, 240_000);
});
