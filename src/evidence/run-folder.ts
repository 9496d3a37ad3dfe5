import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { controlCounts, type ControlStatus } from '../core/controls.js';
import type { Run } from '../core/run.js';
import { sha256, writeAtomic } from './files.js';
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
  /** How the CI gate decided for this run. */
  gate?: Run['gate'];
}

export interface FileHash {
  sha256: string;
  bytes: number;
}

export interface RunFolderExtras {
  /** Further files of the run by path in the folder, hashed into the manifest like the evidence files. */
  files?: Record<string, string | Buffer>;
  /** Plugin checks that ran, recorded in the manifest itself. */
  plugins?: Manifest['plugins'];
  /** Signs the manifest as it would be written unsigned; returns the signature and the envelope file's content. */
  sign?(unsigned: Manifest): { signature: ManifestSignature; envelope: string };
}

export function newRunId(at: Date, random: string): string {
  return `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${random}`;
}

/** How every JSON file of a run folder is written; verify relies on the manifest being in exactly this form. */
export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The newest complete run folder in `out` (one with a manifest), or undefined. */
export async function latestRun(out: string): Promise<{ runId: string; dir: string; manifestSha256: string } | undefined> {
  let names: string[];
  try {
    names = await readdir(out);
  } catch {
    return undefined;
  }
  for (const runId of names.filter((n) => RUN_ID.test(n)).sort().reverse()) {
    const dir = path.join(out, runId);
    try {
      return { runId, dir, manifestSha256: sha256(await readFile(path.join(dir, MANIFEST))) };
    } catch {
      // No manifest: an incomplete run, never evidence.
    }
  }
  return undefined;
}

/**
 * Writes `<out>/<runId>/`: each evidence file atomically, then the manifest
 * that names their hashes, last — a folder without a manifest is incomplete.
 */
export async function writeRunFolder(out: string, run: Run, extras: RunFolderExtras = {}): Promise<{ dir: string; manifest: Manifest; manifestSha256: string }> {
  const previous = await latestRun(out);
  const dir = path.join(out, run.id);
  await mkdir(dir, { recursive: false });
  const contents: Record<string, string | Buffer> = {
    'results.json': jsonText({ runId: run.id, results: run.results, ...(run.exceptions?.length ? { exceptions: run.exceptions } : {}) }),
    'controls.json': jsonText({ runId: run.id, framework: run.framework, summary: controlCounts(run.controls), controls: run.controls }),
    'snapshot.json': jsonText({ runId: run.id, facts: run.facts }),
    ...extras.files,
  };
  const files = {} as Manifest['files'];
  for (const [name, content] of Object.entries(contents)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeAtomic(path.join(dir, name), content);
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
    plugins: extras.plugins ?? [],
    signature: null,
    ...(run.gate ? { gate: run.gate } : {}),
  };
  if (extras.sign) {
    const { signature, envelope } = extras.sign(manifest);
    await writeAtomic(path.join(dir, signature.envelope), envelope);
    manifest.signature = signature;
  }
  const manifestText = jsonText(manifest);
  await writeAtomic(path.join(dir, MANIFEST), manifestText);
  return { dir, manifest, manifestSha256: sha256(manifestText) };
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
      const actual = sha256(await readFile(path.join(dir, name)));
      if (actual !== expected.sha256) problems.push(`${name}: sha256 ${actual} does not match the manifest's ${expected.sha256}`);
    } catch (err) {
      problems.push(`${name}: ${(err as Error).message}`);
    }
  }
  return problems;
}
