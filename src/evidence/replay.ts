import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import type { Check, SettingValue } from '../core/check.js';
import { UsageError } from '../core/errors.js';
import { FactStore } from '../core/facts.js';
import { withControls, type Mapping } from '../core/mapping.js';
import { Pools } from '../core/pools.js';
import type { Provider } from '../core/provider.js';
import { factsByTarget, runChecks } from '../core/runner.js';
import type { FactRecord, Result, Target } from '../core/types.js';
import { loadBuiltinProviders } from '../providers/index.js';
import { sha256 } from './files.js';
import { MANIFEST, type Manifest } from './run-folder.js';

/** A complete run folder's manifest and snapshot, read to judge its facts again. */
export interface RecordedRun {
  dir: string;
  manifest: Manifest;
  manifestSha256: string;
  facts: FactRecord[];
}

/** The clock the run's checks judged ages against: a replay keeps the original run's. */
export const judgedAt = (manifest: Manifest) => new Date(manifest.scope.replayOf?.startedAt ?? manifest.startedAt);

/**
 * Reads the run folder for `scan --replay`; anything missing or not matching
 * its manifest is a usage error: judging altered data would prove nothing.
 */
export async function readRecordedRun(dir: string): Promise<RecordedRun> {
  const read = async (name: string) => {
    try {
      return await readFile(path.join(dir, name));
    } catch (err) {
      throw new UsageError(`--replay ${dir}: cannot read ${name}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };
  const manifestBytes = await read(MANIFEST);
  const snapshotBytes = await read('snapshot.json');
  try {
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
    if (sha256(snapshotBytes) !== manifest.files['snapshot.json'].sha256) throw new Error("snapshot.json does not match the manifest's sha256 (annexa verify names what changed)");
    const { facts } = JSON.parse(snapshotBytes.toString('utf8')) as { facts: FactRecord[] };
    return { dir, manifest, manifestSha256: sha256(manifestBytes), facts };
  } catch (err) {
    throw new UsageError(`--replay ${dir}: ${(err as Error).message}`);
  }
}

export interface SnapshotEvaluation {
  checks: Check[];
  targets: Target[];
  facts: FactRecord[];
  mapping: Mapping;
  settingsOf: (check: Check) => Record<string, SettingValue>;
  now: Date;
  providers?: Provider[];
}

/** Runs checks over a stored snapshot through a replay store: no fetcher is called, no API touched. */
export async function evaluateSnapshot(input: SnapshotEvaluation): Promise<Result[]> {
  const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 1 };
  const store = new FactStore(new Pools(), input.facts);
  const providers = new Map((input.providers ?? (await loadBuiltinProviders(input.targets.map((t) => t.provider)))).map((p) => [p.id, p]));
  const results = await runChecks({
    checks: input.checks,
    targets: input.targets,
    store,
    factsOf: factsByTarget(providers, store, runtime),
    runtime,
    settingsOf: input.settingsOf,
    now: input.now,
    concurrency: 16,
    checkTimeoutMs: 120_000,
  });
  return withControls(results, input.mapping);
}
