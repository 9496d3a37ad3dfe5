import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { countResults, rollUpControls, type ControlRollup } from '../core/controls.js';
import { UsageError } from '../core/errors.js';
import type { Budget, Run } from '../core/run.js';
import type { CollectorIdentity, FactRecord, Result } from '../core/types.js';
import type { ExceptionRecord } from '../policy/exceptions.js';
import { CHECKS_FILE, pluginsOf, type ChecksDocument } from './checks-record.js';
import { canonicalJson, filesIn, sha256 } from './files.js';
import { acquireLock } from './lock.js';
import { jsonText, MANIFEST, newRunId, writeRunFolder, type Manifest } from './run-folder.js';
import { judgedAt } from './replay.js';
import { combineShardResults, SHARDS_FOLDER, type ShardResults } from './shard-results.js';
import { verifyRun } from './verify.js';

interface ShardRun {
  dir: string;
  manifest: Manifest;
  manifestSha256: string;
  results: Result[];
  exceptions: ExceptionRecord[];
  controls: ControlRollup[];
  facts: FactRecord[];
  checks: ChecksDocument;
}

async function readShard(dir: string): Promise<ShardRun> {
  const report = await verifyRun(dir);
  if (!report.ok) throw new UsageError(`${dir}: not merged, it fails verify: ${report.problems[0]}`);
  const bytes = await readFile(path.join(dir, MANIFEST));
  const json = async <T>(name: string) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as T;
  const results = await json<{ results: Result[]; exceptions?: ExceptionRecord[] }>('results.json');
  return {
    dir,
    manifest: JSON.parse(bytes.toString('utf8')) as Manifest,
    manifestSha256: sha256(bytes),
    results: results.results,
    exceptions: results.exceptions ?? [],
    controls: (await json<{ controls: ControlRollup[] }>('controls.json')).controls,
    facts: (await json<{ facts: FactRecord[] }>('snapshot.json')).facts,
    checks: await json<ChecksDocument>(CHECKS_FILE),
  };
}

/**
 * Shards of one scan: same tool version, config, mapping and scenario, each
 * check recorded alike, and indices 0..N-1 each exactly once. A shard runs
 * only the checks of the providers it has targets of; every one of those it
 * must have run. Returns the checks of all shards together.
 */
function refuseMismatches(shards: ShardRun[]): ChecksDocument['checks'] {
  const first = shards[0]!;
  const count = first.manifest.scope.shard?.count;
  const checks = new Map<string, ChecksDocument['checks'][number]>();
  for (const s of shards) {
    const m = s.manifest;
    if (!m.scope.shard) throw new UsageError(`${s.dir}: not a shard run (it was not scanned with --shard)`);
    const differs = (what: string, a: unknown, b: unknown) => {
      if (canonicalJson(a) !== canonicalJson(b)) throw new UsageError(`${s.dir}: not a shard of the same scan as ${first.dir}: its ${what} differs`);
    };
    differs('shard count', m.scope.shard.count, count);
    differs('annexa version', m.tool.version, first.manifest.tool.version);
    differs('config (configHash)', m.configHash, first.manifest.configHash);
    differs('mapping (checks.json)', s.checks.mapping, first.checks.mapping);
    differs('sandbox scenario', m.scope.sandbox, first.manifest.scope.sandbox);
    for (const c of s.checks.checks) {
      const seen = checks.get(c.id);
      if (seen) differs(`record of check ${c.id} (checks.json)`, c, seen);
      else checks.set(c.id, c);
    }
  }
  for (const s of shards) {
    const providers = new Set(s.manifest.scope.targets.map((t) => t.provider));
    const expected = [...checks.values()].filter((c) => providers.has(c.meta.provider)).map((c) => c.id);
    if (canonicalJson([...s.manifest.scope.checks].sort()) !== canonicalJson(expected.sort()))
      throw new UsageError(`${s.dir}: not a shard of the same scan as ${first.dir}: it ran other checks for the same providers`);
  }
  const seen = new Map<number, string>();
  for (const s of shards) {
    const i = s.manifest.scope.shard!.index;
    if (seen.has(i)) throw new UsageError(`shard ${i}/${count} is given twice: ${seen.get(i)} and ${s.dir}`);
    seen.set(i, s.dir);
  }
  const missing = Array.from({ length: count! }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length) throw new UsageError(`shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} missing: a merge needs every shard`);
  return [...checks.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** A shard run as combining its results needs it (verify reads the same from the merged run's copies). */
export const resultsOf = (s: { manifest: Pick<Manifest, 'scope'>; results: Result[] }): ShardResults => ({
  targets: s.manifest.scope.targets,
  checks: s.manifest.scope.checks,
  elsewhere: s.manifest.scope.shard?.elsewhere,
  results: s.results,
});

/** Facts of one ref read by several shards (an account's region list, its caller identity): the first shard's. */
function oncePerRef(facts: FactRecord[]): FactRecord[] {
  const seen = new Set<string>();
  return facts.filter((f) => !seen.has(f.ref) && Boolean(seen.add(f.ref)));
}

function sumBudgets(shards: ShardRun[]): Record<string, Budget> {
  const total: Record<string, Budget> = {};
  for (const s of shards)
    for (const [provider, b] of Object.entries(s.manifest.budget)) {
      const t = (total[provider] ??= { requests: 0, notModified: 0, points: 0 });
      t.requests += b.requests;
      t.notModified += b.notModified;
      t.points += b.points;
    }
  return total;
}

/**
 * Combines the runs of `annexa scan --shard I/N` (every I once) into one run
 * folder in `out`: results, facts, targets and identities together,
 * controls rolled up again over all results with the recorded mapping, and
 * a copy of every shard folder under `shards/<I>/`, so that the merged
 * manifest's hashes cover the shards' own files. Refuses (UsageError)
 * shards that fail verify, come from different scans, or are missing or
 * given twice.
 */
export async function mergeShards(dirs: string[], out: string, log: Logger): Promise<{ dir: string; manifestSha256: string; run: Run }> {
  if (!dirs.length) throw new UsageError('nothing to merge: name the shard run folders');
  const shards: ShardRun[] = [];
  for (const dir of dirs) shards.push(await readShard(path.resolve(dir)));
  const checks = refuseMismatches(shards);
  shards.sort((a, b) => a.manifest.scope.shard!.index - b.manifest.scope.shard!.index);
  const first = shards[0]!;
  const results = combineShardResults(shards.map(resultsOf));
  const catalog = first.controls.map(({ id, theme, title }) => ({ id, theme, title }));
  const kept = new Map(first.controls.map((c) => [c.id, c]));
  const controls = rollUpControls(catalog, first.checks.mapping, results).map((c) => {
    const before = kept.get(c.id);
    // The Statement of Applicability is the config's, the same in every shard.
    return before?.status === 'excluded' ? { ...c, status: before.status, ...(before.exclusion ? { exclusion: before.exclusion } : {}) } : c;
  });
  const exceptions = [...new Map(shards.flatMap((s) => s.exceptions).map((e) => [canonicalJson(e), e])).values()];
  const startedAt = shards.map((s) => s.manifest.startedAt).sort()[0]!;
  const finishedAt = shards.map((s) => s.manifest.finishedAt).sort().at(-1)!;
  const id = newRunId(new Date(), randomBytes(3).toString('hex'));
  const run: Run = {
    id,
    startedAt,
    finishedAt,
    durationMs: Date.parse(finishedAt) - Date.parse(startedAt),
    tool: first.manifest.tool,
    framework: first.manifest.framework,
    scope: {
      targets: shards.flatMap((s) => s.manifest.scope.targets),
      checks: checks.map((c) => c.id),
      ...(first.manifest.scope.sandbox ? { sandbox: first.manifest.scope.sandbox } : {}),
      mergeOf: shards.map((s) => ({
        index: s.manifest.scope.shard!.index,
        runId: s.manifest.runId,
        manifestSha256: s.manifestSha256,
        startedAt: judgedAt(s.manifest).toISOString(),
      })),
    },
    // Each shard holding a share of a split account identified the same caller: once is enough.
    identities: [...new Map(shards.flatMap<CollectorIdentity>((s) => s.manifest.collector).map((i) => [canonicalJson(i), i])).values()],
    configHash: first.manifest.configHash,
    counts: countResults(results),
    budget: sumBudgets(shards),
    results,
    controls,
    facts: oncePerRef(shards.flatMap((s) => s.facts)),
    ...(exceptions.length ? { exceptions } : {}),
  };
  const checksDocument: ChecksDocument = { ...first.checks, runId: id, checks };
  const files: Record<string, Buffer | string> = { [CHECKS_FILE]: jsonText(checksDocument) };
  for (const s of shards)
    for (const name of await filesIn(s.dir)) files[`${SHARDS_FOLDER}/${s.manifest.scope.shard!.index}/${name}`] = await readFile(path.join(s.dir, name));
  await mkdir(out, { recursive: true });
  const lock = await acquireLock(out, { log });
  try {
    const written = await writeRunFolder(out, run, { files, plugins: pluginsOf(checksDocument) });
    return { dir: written.dir, manifestSha256: written.manifestSha256, run };
  } finally {
    await lock.release();
  }
}
