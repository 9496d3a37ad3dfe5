import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { emptyCounts, rollUpControls, type ControlRollup, type ControlStatus } from '../core/controls.js';
import { UsageError } from '../core/errors.js';
import { FRAMEWORK_NAMES, loadFramework, mappingFromResults, type FrameworkId } from '../core/frameworks.js';
import { decideGate, type GateDecision } from '../core/gate.js';
import type { FactRecord, Result } from '../core/types.js';
import { sha256 } from '../evidence/files.js';
import { CHECKS_FILE, type ChecksDocument } from '../evidence/checks-record.js';
import { integrityProblems, MANIFEST, type Manifest } from '../evidence/run-folder.js';
import type { VerifyReport } from '../evidence/verify.js';

/** A waiver as the exceptions of issue 11 record it; older runs carry only reason and expiry. */
export interface WaiverView {
  reason: string;
  expires: string;
  approvedBy?: string;
  ticket?: string;
}

export interface ManualEvidence {
  path: string;
  sha256: string;
  bytes: number;
  description?: string;
}

export type ViewStatus = ControlStatus | 'excluded';

/** A control of the chosen framework with what an auditor needs beside its status. */
export interface ControlView extends Omit<ControlRollup, 'status'> {
  status: ViewStatus;
  /** Each check behind the control, with the reason its result is evidence for it. */
  links: { checkId: string; rationale: string }[];
  exclusion?: { justification: string };
  manualEvidence?: ManualEvidence[];
}

/** A signature as `manifest.signature` holds it once runs are signed. */
export interface SignatureView {
  algorithm: string;
  keyId: string;
}

/** One complete run folder as read from disk. */
export interface RunFolder {
  dir: string;
  manifest: Manifest;
  manifestSha256: string;
  results: Result[];
  /** controls.json's rows, with whatever the SoA and manual evidence added to them. */
  controls: ControlView[];
  facts: FactRecord[];
  /** Title of each check that ran, from checks.json (runs made before it existed have none). */
  titles: Record<string, string>;
  /** Files whose bytes no longer match the manifest; empty when intact. */
  integrity: string[];
}

/** What `annexa verify` found when the export was made: hashes, chain, signature and re-evaluated results. */
export type VerificationView = Pick<VerifyReport, 'ok' | 'problems' | 'notes' | 'files' | 'chain' | 'signature' | 'reevaluation'>;

/** The run read against one framework: what every export renders. */
export interface Assessment {
  run: RunFolder;
  framework: { id: FrameworkId; name: string };
  controls: ControlView[];
  /** Checks of the run that the framework's mapping does not cover (plugins under NIST CSF). */
  unmapped: string[];
  gate: GateDecision;
  signature: SignatureView | null;
  /** The verification run for this export; null for formats that do not carry it. */
  verification: VerificationView | null;
}

async function readJson<T>(file: string): Promise<T> {
  let text: Buffer;
  try {
    text = await readFile(file);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse((file.endsWith('.gz') ? gunzipSync(text) : text).toString('utf8')) as T;
  } catch (err) {
    throw new UsageError(`${file}: not JSON: ${(err as Error).message}`);
  }
}

/**
 * Reads a run folder; one without a manifest is incomplete and never
 * evidence. The snapshot may be stored gzipped (the manifest names it).
 */
export async function readRunFolder(dir: string): Promise<RunFolder> {
  const manifestFile = path.join(dir, MANIFEST);
  const manifest = await readJson<Manifest>(manifestFile);
  if (!manifest || typeof manifest !== 'object' || typeof manifest.runId !== 'string' || !manifest.files) {
    throw new UsageError(`${manifestFile}: not an annexa manifest`);
  }
  const snapshotName = Object.keys(manifest.files).find((f) => f.startsWith('snapshot.json')) ?? 'snapshot.json';
  const [results, controls, snapshot] = await Promise.all([
    readJson<{ results: Result[] }>(path.join(dir, 'results.json')),
    readJson<{ controls: ControlView[] }>(path.join(dir, 'controls.json')),
    readJson<{ facts: FactRecord[] }>(path.join(dir, snapshotName)),
  ]);
  if (!Array.isArray(results?.results) || !Array.isArray(controls?.controls) || !Array.isArray(snapshot?.facts)) {
    throw new UsageError(`${dir}: results.json, controls.json or ${snapshotName} is not shaped as annexa writes it`);
  }
  const checks = manifest.files[CHECKS_FILE] ? await readJson<Partial<ChecksDocument>>(path.join(dir, CHECKS_FILE)) : {};
  const titles: Record<string, string> = {};
  for (const c of Array.isArray(checks?.checks) ? checks.checks : []) {
    if (typeof c?.id === 'string' && typeof c.meta?.title === 'string') titles[c.id] = c.meta.title;
  }
  return {
    dir,
    manifest,
    manifestSha256: sha256(await readFile(manifestFile)),
    results: results.results,
    controls: controls.controls,
    facts: snapshot.facts,
    titles,
    integrity: await integrityProblems(dir),
  };
}

/** The run read against a framework: 2022 as the run wrote it, the others rolled up afresh from its results. */
export function assess(
  run: RunFolder,
  frameworkId: FrameworkId = 'iso27001-2022',
  verification: VerificationView | null = null,
): Assessment {
  const framework = loadFramework(frameworkId, mappingFromResults(run.results));
  const checksOf = new Map<string, { checkId: string; rationale: string }[]>();
  for (const [checkId, links] of Object.entries(framework.mapping)) {
    for (const { control, rationale } of links) checksOf.set(control, [...(checksOf.get(control) ?? []), { checkId, rationale }]);
  }
  const rolled: ControlView[] =
    frameworkId === 'iso27001-2022'
      ? run.controls
      : rollUpControls(framework.catalog, framework.mapping, run.results).map((c) => ({ ...c, links: [] }));
  const controls = rolled.map((c) => ({
    ...c,
    links: (checksOf.get(c.id) ?? []).filter((l) => c.checks.includes(l.checkId)).sort((a, b) => a.checkId.localeCompare(b.checkId)),
  }));
  const ran = [...new Set(run.results.map((r) => r.checkId))];
  const signature = run.manifest.signature as unknown as SignatureView | null;
  return {
    run,
    framework: { id: frameworkId, name: FRAMEWORK_NAMES[frameworkId] },
    controls,
    unmapped: ran.filter((id) => !framework.mapping[id]?.length).sort(),
    gate: decideGate(run.results),
    signature:
      signature && typeof signature === 'object' ? { algorithm: String(signature.algorithm), keyId: String(signature.keyId) } : null,
    verification,
  };
}

/** How many controls have each status, `excluded` included. */
export function statusCounts(controls: { status: ViewStatus }[]): Record<ViewStatus, number> {
  const counts: Record<ViewStatus, number> = { ...emptyCounts(), manual: 0, excluded: 0 };
  // A status a newer annexa adds is counted under its own name rather than lost.
  for (const c of controls) counts[c.status] = (counts[c.status] ?? 0) + 1;
  return counts;
}

/** The results of one check behind a control. */
export function resultsOf(assessment: Assessment, checkId: string): Result[] {
  return assessment.run.results.filter((r) => r.checkId === checkId);
}

/** When a result's evidence was collected: the newest of the facts it read, or the run's start when it read none. */
export function collectedAt(run: RunFolder): (r: Result) => string {
  const times = new Map(run.facts.map((f) => [f.ref, f.collectedAt]));
  return (r) =>
    r.factRefs
      .map((ref) => times.get(ref))
      .filter((t): t is string => Boolean(t))
      .sort()
      .at(-1) ?? run.manifest.startedAt;
}
