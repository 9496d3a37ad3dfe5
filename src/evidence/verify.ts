import type { KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { controlCounts, countResults, rollUpControls, type ControlRollup } from '../core/controls.js';
import { UsageError } from '../core/errors.js';
import type { Provider } from '../core/provider.js';
import { schemaProblems } from '../core/schemas.js';
import type { FactRecord, Result } from '../core/types.js';
import { chainFindings } from './chain.js';
import { CHECKS_FILE, pluginsOf, type ChecksDocument } from './checks-record.js';
import { canonicalJson, filesIn, sha256 } from './files.js';
import { reevaluate } from './reevaluate.js';
import { reevaluateMerged } from './verify-merged.js';
import { judgedAt } from './replay.js';
import { jsonText, MANIFEST, type Manifest } from './run-folder.js';
import { signatureFindings, type SignatureFinding } from './sign.js';

export interface VerifyOptions {
  /** Ed25519 public key the run's signature must verify with. */
  publicKey?: KeyObject;
  /** Folders of plugin checks the run used, so that they can be re-evaluated. */
  checksDirs?: string[];
  providers?: Provider[];
}

export interface VerifyReport {
  dir: string;
  runId: string;
  /** True when every hash, link, signature (when signed) and result holds. */
  ok: boolean;
  /** Each file, link, signature or result that does not hold, one line each. */
  problems: string[];
  /** What was not checked and why, and other things an auditor should know. */
  notes: string[];
  files: { checked: number; matching: number };
  chain: { runs: number };
  signature: Pick<SignatureFinding, 'status' | 'keyId'>;
  reevaluation: { checks: number; results: number; reproduced: number } | null;
}

/** The signature's status in words, as the verify command and the HTML report state it. */
export const SIGNATURE_STATUS: Record<VerifyReport['signature']['status'], string> = {
  verified: 'verified with the public key given',
  unchecked: 'present, not checked (no --public-key)',
  unsigned: 'none (the run is not signed)',
  invalid: 'DOES NOT HOLD',
};

const JSON_FILES = { 'results.json': 'results', 'controls.json': 'controls', 'snapshot.json': 'snapshot', [CHECKS_FILE]: 'checks' } as const;

/**
 * Verifies a run folder without trusting annexa's word: every sha256 of the
 * manifest, the chain of runs in its parent folder, the signature, the
 * manifest's own figures against its files, and the verdicts themselves by
 * re-evaluating every check over the run's snapshot. Throws a UsageError
 * only when the folder cannot be read as a run folder at all.
 */
export async function verifyRun(dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const manifestBytes = await readManifest(dir);
  const problems: string[] = [];
  const notes: string[] = [];
  const chain = await chainFindings(path.dirname(dir));
  const report = (extra: Partial<VerifyReport>): VerifyReport => {
    const all = [...problems, ...chain.problems];
    return {
      dir,
      runId: path.basename(dir),
      files: { checked: 0, matching: 0 },
      signature: { status: 'unsigned' },
      reevaluation: null,
      ...extra,
      ok: all.length === 0,
      problems: all,
      notes: [...notes, ...chain.notes],
      chain: { runs: chain.runs },
    };
  };

  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  } catch (err) {
    problems.push(`${MANIFEST}: not valid JSON (${(err as Error).message}): altered or truncated`);
    return report({});
  }
  const manifestText = manifestBytes.toString('utf8');
  if (!schemaHolds('manifest', manifest, MANIFEST, problems)) {
    problems.push('the run cannot be checked further: its manifest does not have the shape annexa writes');
    return report({});
  }
  // annexa writes the manifest in one exact form; any other bytes were changed after.
  if (jsonText(manifest) !== manifestText) problems.push(`${MANIFEST}: its bytes are not those annexa wrote (changed after the run)`);
  if (manifest.runId !== path.basename(dir)) notes.push(`the folder is named ${path.basename(dir)}, the manifest's run id is ${manifest.runId}`);

  const { contents, checked, matching } = await fileFindings(dir, manifest, problems);
  const signature = signatureFindings(manifest, contents.get(manifest.signature?.envelope ?? '')?.toString('utf8'), options.publicKey);
  problems.push(...signature.problems);
  notes.push(...signature.notes);

  const parsed = parseEvidence(contents, manifest, problems);
  let reevaluation: VerifyReport['reevaluation'] = null;
  if (parsed) {
    consistencyProblems(manifest, parsed, problems);
    try {
      const { checksDirs, providers } = options;
      // A merged run is judged shard by shard, each at its own clock (verify-merged.ts).
      const finding = manifest.scope.mergeOf
        ? await reevaluateMerged({ mergeOf: manifest.scope.mergeOf, results: parsed.results, contents, checksDirs, providers })
        : await reevaluate({
            recorded: parsed.checks,
            results: parsed.results,
            facts: parsed.facts,
            targets: manifest.scope.targets,
            now: judgedAt(manifest),
            checksDirs,
            providers,
            elsewhere: manifest.scope.shard?.elsewhere,
          });
      problems.push(...finding.problems);
      reevaluation = { checks: finding.checks, results: finding.results, reproduced: finding.reproduced };
    } catch (err) {
      // A bad --checks-dir is the caller's mistake (exit 2); anything else is the run not holding.
      if (err instanceof UsageError) throw err;
      problems.push(`the results could not be re-evaluated: ${(err as Error).message}`);
    }
  }
  if (!manifest.signature) notes.push(`unsigned: changes to ${MANIFEST} itself are detected only by the next run's link to it and by its figures being checked against the files`);
  return report({ runId: manifest.runId, files: { checked, matching }, signature: { status: signature.status, keyId: signature.keyId }, reevaluation });
}

async function readManifest(dir: string): Promise<Buffer> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new UsageError(`${dir}: not a folder`);
    return await readFile(path.join(dir, MANIFEST));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${dir}: no such run folder, or no ${MANIFEST} in it (an incomplete run is never evidence)`);
    throw new UsageError(`cannot read ${dir}: ${code ?? (err as Error).message}`);
  }
}

/** Re-hashes every file the manifest names and names every file it does not. */
async function fileFindings(dir: string, manifest: Manifest, problems: string[]) {
  const contents = new Map<string, Buffer>();
  let matching = 0;
  const entries = Object.entries(manifest.files ?? {});
  for (const [name, expected] of entries) {
    const file = path.resolve(dir, name);
    if (!file.startsWith(`${path.resolve(dir)}${path.sep}`)) {
      problems.push(`${name}: the manifest names a file outside the run folder`);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      problems.push(`${name}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (err as Error).message} (the manifest lists it)`);
      continue;
    }
    contents.set(name, bytes);
    const actual = sha256(bytes);
    if (actual !== expected.sha256) problems.push(`${name}: sha256 ${actual} does not match the manifest's ${expected.sha256}`);
    else if (bytes.length !== expected.bytes) problems.push(`${name}: ${bytes.length} bytes, the manifest says ${expected.bytes}`);
    else matching++;
  }
  const envelope = manifest.signature?.envelope;
  if (envelope && /^[^/\\]+$/.test(envelope)) {
    try {
      contents.set(envelope, await readFile(path.join(dir, envelope)));
    } catch {
      // signatureFindings names the missing envelope.
    }
  }
  const known = new Set([MANIFEST, ...(envelope ? [envelope] : []), ...Object.keys(manifest.files ?? {})]);
  for (const name of await filesIn(dir)) if (!known.has(name)) problems.push(`${name}: in the run folder but not covered by the manifest`);
  return { contents, checked: entries.length, matching };
}

interface Evidence {
  results: Result[];
  controls: ControlRollup[];
  facts: FactRecord[];
  checks: ChecksDocument;
}

/** Parses the evidence files and checks each against its schema; undefined when one cannot be used. */
function parseEvidence(contents: Map<string, Buffer>, manifest: Manifest, problems: string[]): Evidence | undefined {
  const docs: Record<string, unknown> = {};
  for (const [file, schema] of Object.entries(JSON_FILES)) {
    const bytes = contents.get(file);
    if (!bytes) {
      if (!(file in (manifest.files ?? {}))) problems.push(`${file}: the manifest does not list it`);
      continue;
    }
    try {
      docs[schema] = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    if (!schemaHolds(schema, docs[schema], file, problems)) {
      delete docs[schema];
      continue;
    }
    const runId = (docs[schema] as { runId?: unknown }).runId;
    if (runId !== manifest.runId) problems.push(`${file}: belongs to run ${String(runId)}, not ${manifest.runId}`);
  }
  if (Object.keys(docs).length !== Object.keys(JSON_FILES).length) {
    problems.push('the results cannot be re-evaluated: an evidence file is missing, unreadable or not of the shape annexa writes');
    return undefined;
  }
  return {
    results: (docs.results as { results: Result[] }).results,
    controls: (docs.controls as { controls: ControlRollup[] }).controls,
    facts: (docs.snapshot as { facts: FactRecord[] }).facts,
    checks: docs.checks as ChecksDocument,
  };
}

/** Adds a problem per schema error; true when the document has the shape annexa writes. */
function schemaHolds(schema: string, doc: unknown, file: string, problems: string[]): boolean {
  const found = schemaProblems(schema, doc);
  for (const line of found) problems.push(`${file}: ${line}`);
  return !found.length;
}

/** The manifest's figures and controls.json must follow from the files they summarise. */
function consistencyProblems(manifest: Manifest, evidence: Evidence, problems: string[]): void {
  const differs = (a: unknown, b: unknown) => canonicalJson(a) !== canonicalJson(b);
  if (differs(manifest.counts, countResults(evidence.results))) problems.push(`${MANIFEST}: counts do not match results.json`);
  if (differs(manifest.controls, controlCounts(evidence.controls))) problems.push(`${MANIFEST}: control counts do not match controls.json`);
  const ran = evidence.checks.checks.map((c) => c.id).sort();
  if (differs([...manifest.scope.checks].sort(), ran)) problems.push(`${MANIFEST}: scope.checks does not match the checks recorded in ${CHECKS_FILE}`);
  if (manifest.plugins && differs(manifest.plugins, pluginsOf(evidence.checks))) problems.push(`${MANIFEST}: plugins do not match the plugin checks recorded in ${CHECKS_FILE}`);
  const recorded = new Set(ran);
  const refs = new Set(evidence.facts.map((f) => f.ref));
  for (const r of evidence.results) {
    if (!recorded.has(r.checkId)) problems.push(`result ${r.checkId} × ${r.resource}: from a check that ${CHECKS_FILE} does not record`);
    const unknown = r.factRefs.filter((ref) => !refs.has(ref));
    if (unknown.length) problems.push(`result ${r.checkId} × ${r.resource}: reads ${unknown.join(', ')}, not in snapshot.json`);
  }

  // Roll the results up again with the recorded mapping; an exclusion decided by the SoA is not the roll-up's to judge.
  const catalog = evidence.controls.map(({ id, theme, title }) => ({ id, theme, title }));
  const rolled = new Map(rollUpControls(catalog, evidence.checks.mapping, evidence.results).map((c) => [c.id, c]));
  for (const control of evidence.controls) {
    const expected = rolled.get(control.id)!;
    const fields: string[] = (['checks', 'checksNotRun', 'resources', 'counts'] as const).filter((k) => differs(control[k], expected[k]));
    if (expected.status !== control.status && (control.status as string) !== 'excluded') fields.unshift('status');
    if (fields.length) problems.push(`controls.json: ${control.id} does not follow from results.json and the recorded mapping (${fields.join(', ')})`);
    for (const m of control.manualEvidence ?? []) {
      if (manifest.files[m.path]?.sha256 !== m.sha256) problems.push(`controls.json: ${control.id}'s manual evidence ${m.path} is not in the manifest with sha256 ${m.sha256}`);
    }
  }
}
