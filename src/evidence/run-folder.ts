import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { controlCounts, type ControlStatus } from '../core/controls.js';
import type { Run } from '../core/run.js';
import { describeSchemaErrors, validatorFor } from '../core/schemas.js';
import { Secrets } from '../core/secrets.js';
import { writePiecesAtomic } from './file-writer.js';
import { sha256, sha256OfFile, writeAtomic } from './files.js';
import { jsonPieces } from './json-pieces.js';
import type { ManifestSignature } from './sign.js';

export const MANIFEST = 'manifest.json';
export const EVIDENCE_FILES = ['results.json', 'controls.json', 'snapshot.json'] as const;
export type EvidenceFile = (typeof EVIDENCE_FILES)[number];
/** Run ids start with the UTC start time, so that they sort in the order the runs began. */
export const RUN_ID = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

export interface Manifest {
  schemaVersion: 1;
  runId: string;
  tool: Run['tool'];
  framework: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  scope: Run['scope'];
  collector: Run['identities'];
  configHash: string | null;
  counts: Run['counts'];
  controls: Record<ControlStatus, number>;
  budget: Run['budget'];
  /** The evidence files, then any further file of the run (checks.json, manual evidence), by path in the folder. */
  files: Record<EvidenceFile, FileHash> & Record<string, FileHash>;
  /** The run before this one in the same output folder: a hash chain an auditor can walk. */
  previous: { runId: string; manifestSha256: string } | null;
  /** The plugin checks that ran, each with the sha256 of its source file (checks.json holds their metadata). */
  plugins?: { checkId: string; file: string; sha256: string }[];
  /** Null when unsigned; else the Ed25519 signature of the DSSE envelope that covers this manifest and every file. */
  signature: ManifestSignature | null;
  /** sha256 of each cache entry's body this run stored or relied on (see core/cache-ledger.ts). */
  cache?: Record<string, string>;
  /** How the CI gate decided for this run. */
  gate?: Run['gate'];
}

export interface FileHash {
  sha256: string;
  bytes: number;
}

export interface WriteOptions {
  /** Further files of the run by path in the folder, hashed into the manifest like the evidence files. */
  files?: Record<string, string | Buffer>;
  /** Plugin checks that ran, recorded in the manifest itself. */
  plugins?: Manifest['plugins'];
  /** Signs the manifest as it would be written unsigned; returns the signature and the envelope file's content. */
  sign?(unsigned: Manifest): { signature: ManifestSignature; envelope: string };
  /** The run's secret values: a file that would hold one is not written. */
  secrets?: Secrets;
  /** The run to link to, when the caller already looked it up (`latestRun`). */
  previous?: VerifiedRun | null;
  /** Told about each run folder skipped as not valid evidence. */
  onSkip?: (runId: string, reason: string) => void;
}

export function newRunId(at: Date, random: string): string {
  return `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${random}`;
}

/** How every JSON file of a run folder is written; verify relies on the manifest being in exactly this form. */
export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export interface VerifiedRun {
  runId: string;
  dir: string;
  manifest: Manifest;
  manifestSha256: string;
}

/**
 * The newest run folder in `out` that is evidence: its manifest validates
 * against schemas/manifest.schema.json, names its own folder, and its files
 * match their hashes. A folder without a manifest is incomplete; one with a
 * made-up name or a forged manifest is skipped (`onSkip` says why), so that
 * it never becomes the `previous` of a new run.
 */
export async function latestRun(out: string, onSkip?: (runId: string, reason: string) => void): Promise<VerifiedRun | undefined> {
  let names: string[];
  try {
    names = await readdir(out);
  } catch {
    return undefined;
  }
  let newest: VerifiedRun | undefined;
  for (const runId of names.filter((n) => RUN_ID.test(n)).sort().reverse()) {
    // A run id names its start to the second: runs of the same second are told apart by when they finished.
    if (newest && runId.slice(0, 16) !== newest.runId.slice(0, 16)) break;
    const dir = path.join(out, runId);
    let text: Buffer;
    try {
      text = await readFile(path.join(dir, MANIFEST));
    } catch {
      continue; // No manifest: an incomplete run, never evidence.
    }
    const reason = await manifestProblem(dir, runId, text);
    if (reason) {
      onSkip?.(runId, reason);
      continue;
    }
    const run = { runId, dir, manifest: JSON.parse(text.toString('utf8')) as Manifest, manifestSha256: sha256(text) };
    if (!newest || run.manifest.finishedAt > newest.manifest.finishedAt) newest = run;
  }
  return newest;
}

/** Why a run folder's manifest is not evidence, or undefined when it is. */
async function manifestProblem(dir: string, runId: string, text: Buffer): Promise<string | undefined> {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text.toString('utf8'));
  } catch (err) {
    return `${MANIFEST} is not JSON (${(err as Error).message})`;
  }
  const validate = validatorFor('manifest');
  if (!validate(manifest)) return `${MANIFEST} does not match the manifest schema: ${describeSchemaErrors(validate.errors).slice(0, 3).join('; ')}`;
  if ((manifest as Manifest).runId !== runId) return `${MANIFEST} names run ${(manifest as Manifest).runId}, not its folder`;
  const problems = await integrityProblems(dir);
  return problems.length ? problems.join('; ') : undefined;
}

/** The hidden folder a run is written in before it is renamed to its run id (see writeRunFolder). */
export const PARTIAL_PREFIX = '.partial-';

/**
 * Writes `<out>/<runId>/`: every file into a hidden `.partial-<runId>`
 * folder, the manifest that names their hashes last, then renames the folder
 * into place. A scan killed at any moment leaves either no run folder or a
 * complete one; its partial folder is removed by the next scan (leftovers.ts).
 */
export async function writeRunFolder(out: string, run: Run, options: WriteOptions = {}): Promise<{ dir: string; manifest: Manifest; manifestSha256: string }> {
  const secrets = options.secrets ?? new Secrets();
  const previous = options.previous === undefined ? await latestRun(out, options.onSkip) : options.previous;
  const dir = path.join(out, run.id);
  const partial = path.join(out, `${PARTIAL_PREFIX}${run.id}`);
  await mkdir(partial, { recursive: false });
  try {
    const written = await writeInto(partial, run, options, previous ?? null, secrets);
    await publish(partial, dir);
    return { dir, ...written };
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
}

async function writeInto(
  partial: string,
  run: Run,
  options: WriteOptions,
  previous: VerifiedRun | null,
  secrets: Secrets,
): Promise<{ manifest: Manifest; manifestSha256: string }> {
  // The evidence files are written piece by piece (json-pieces.ts): a large run never holds one of them as a whole string.
  const documents: Record<EvidenceFile, Record<string, unknown>> = {
    'results.json': { runId: run.id, results: run.results, ...(run.exceptions?.length ? { exceptions: run.exceptions } : {}) },
    'controls.json': { runId: run.id, framework: run.framework, summary: controlCounts(run.controls), controls: run.controls },
    'snapshot.json': { runId: run.id, facts: run.facts },
  };
  const files = {} as Manifest['files'];
  for (const [name, doc] of Object.entries(documents)) files[name] = await writePiecesAtomic(path.join(partial, name), jsonPieces(doc), secrets);
  for (const [name, content] of Object.entries(options.files ?? {})) {
    refuseSecrets(name, content, secrets);
    await mkdir(path.dirname(path.join(partial, name)), { recursive: true });
    await writeAtomic(path.join(partial, name), content);
    files[name] = { sha256: sha256(content), bytes: Buffer.byteLength(content) };
  }
  const manifest: Manifest = {
    schemaVersion: 1,
    runId: run.id,
    tool: run.tool,
    framework: run.framework,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    scope: run.scope,
    collector: run.identities,
    configHash: run.configHash,
    counts: run.counts,
    controls: controlCounts(run.controls),
    budget: run.budget,
    files,
    previous: previous ? { runId: previous.runId, manifestSha256: previous.manifestSha256 } : null,
    plugins: options.plugins ?? [],
    signature: null,
    ...(run.cache ? { cache: run.cache } : {}),
    ...(run.gate ? { gate: run.gate } : {}),
  };
  if (options.sign) {
    const { signature, envelope } = options.sign(manifest);
    refuseSecrets(signature.envelope, envelope, secrets);
    await writeAtomic(path.join(partial, signature.envelope), envelope);
    manifest.signature = signature;
  }
  const manifestText = jsonText(manifest);
  refuseSecrets(MANIFEST, manifestText, secrets);
  await writeAtomic(path.join(partial, MANIFEST), manifestText);
  return { manifest, manifestSha256: sha256(manifestText) };
}

/** Renames the written folder to its run id and flushes the parent, so that the rename outlives a power cut too. */
async function publish(partial: string, dir: string): Promise<void> {
  await rename(partial, dir);
  const parent = await open(path.dirname(dir), 'r');
  try {
    await parent.sync();
  } finally {
    await parent.close();
  }
}

/** An evidence file that holds one of the run's secrets is not written: the run fails instead. */
function refuseSecrets(name: string, content: string | Buffer, secrets: Secrets): void {
  const source = secrets.sourceIn(typeof content === 'string' ? content : content.toString('utf8'));
  if (source) throw new Error(`refusing to write ${name}: it would hold the value of ${source}`);
}

/** Problems found re-hashing a run folder against its manifest; empty when intact. */
export async function integrityProblems(dir: string): Promise<string[]> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch (err) {
    return [`${MANIFEST}: ${(err as Error).message}`];
  }
  const problems: string[] = [];
  for (const [name, expected] of Object.entries(manifest.files)) {
    try {
      const actual = await sha256OfFile(path.join(dir, name));
      if (actual !== expected.sha256) problems.push(`${name}: sha256 ${actual} does not match the manifest's ${expected.sha256}`);
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`);
    }
  }
  return problems;
}
