import type { Provider } from '../core/provider.js';
import { schemaProblems } from '../core/schemas.js';
import type { FactRecord, Result } from '../core/types.js';
import { CHECKS_FILE, type ChecksDocument } from './checks-record.js';
import { sha256 } from './files.js';
import { compareResults, replayChecks, type ReevaluationFinding } from './reevaluate.js';
import { judgedAt } from './replay.js';
import { MANIFEST, type Manifest } from './run-folder.js';
import { combineShardResults, SHARDS_FOLDER, type ShardResults } from './shard-results.js';

type MergeEntry = NonNullable<Manifest['scope']['mergeOf']>[number];

/**
 * Re-evaluates a merged run shard by shard: each shard's copy (under
 * `shards/<I>/`, hashed by the merged manifest) is replayed over its own
 * snapshot and targets at its own clock, the replayed results are combined
 * as `annexa merge` combines them, and the whole is compared with the
 * merged results.json. Judging every shard at one clock would move ages
 * that a day boundary falls between.
 */
export async function reevaluateMerged(input: {
  mergeOf: MergeEntry[];
  results: Result[];
  contents: ReadonlyMap<string, Buffer>;
  checksDirs?: string[];
  providers?: Provider[];
}): Promise<ReevaluationFinding> {
  const problems: string[] = [];
  const shards: ShardResults[] = [];
  const ids = new Set<string>();
  for (const entry of input.mergeOf) {
    const shard = readCopy(entry, input.contents, problems);
    if (!shard) continue;
    const { manifest } = shard;
    const clock = judgedAt(manifest).toISOString();
    if (entry.startedAt !== undefined && entry.startedAt !== clock)
      problems.push(`${MANIFEST}: shard ${entry.index} is recorded as started at ${entry.startedAt}, its own manifest says ${clock}`);
    const replay = await replayChecks({
      recorded: shard.checks,
      facts: shard.facts,
      targets: manifest.scope.targets,
      now: new Date(clock),
      checksDirs: input.checksDirs,
      providers: input.providers,
      elsewhere: manifest.scope.shard?.elsewhere,
    });
    problems.push(...replay.problems.map((p) => `shard ${entry.index}: ${p}`));
    for (const id of replay.ids) ids.add(id);
    shards.push({ targets: manifest.scope.targets, checks: manifest.scope.checks, elsewhere: replay.elsewhere, results: replay.replayed });
  }
  const finding = compareResults(
    input.results.filter((r) => ids.has(r.checkId)),
    combineShardResults(shards),
  );
  return { problems: [...problems, ...finding.problems], checks: ids.size, results: finding.results, reproduced: finding.reproduced };
}

/** A shard's copy in the merged run: its manifest (the one the merged manifest names by hash) and evidence. */
function readCopy(entry: MergeEntry, contents: ReadonlyMap<string, Buffer>, problems: string[]) {
  const prefix = `${SHARDS_FOLDER}/${entry.index}/`;
  const missing = [MANIFEST, 'results.json', 'snapshot.json', CHECKS_FILE].filter((name) => !contents.has(prefix + name));
  if (missing.length) {
    problems.push(`shard ${entry.index}: ${missing.map((m) => prefix + m).join(', ')} missing from the merged run: its results cannot be re-evaluated`);
    return undefined;
  }
  const bytes = contents.get(prefix + MANIFEST)!;
  if (sha256(bytes) !== entry.manifestSha256) {
    problems.push(`${prefix}${MANIFEST}: not the shard manifest the merged manifest names (sha256 ${entry.manifestSha256})`);
    return undefined;
  }
  // Each copy is read as the merged run's own files are: JSON of the shape its schema gives, or a problem.
  const json = <T>(name: string, schema: string): T => {
    const doc: unknown = JSON.parse(contents.get(prefix + name)!.toString('utf8'));
    const found = schemaProblems(schema, doc);
    if (found.length) throw new Error(`${prefix}${name} does not match the ${schema} schema: ${found.slice(0, 3).join('; ')}`);
    return doc as T;
  };
  try {
    const manifest = json<Manifest>(MANIFEST, 'manifest');
    for (const [name, hash] of Object.entries(manifest.files))
      if (contents.get(prefix + name) === undefined || sha256(contents.get(prefix + name)!) !== hash.sha256)
        problems.push(`${prefix}${name}: does not match the shard manifest's sha256`);
    return {
      manifest,
      checks: json<ChecksDocument>(CHECKS_FILE, 'checks'),
      facts: json<{ facts: FactRecord[] }>('snapshot.json', 'snapshot').facts,
    };
  } catch (err) {
    problems.push(`shard ${entry.index}: its copy cannot be re-evaluated (${(err as Error).message})`);
    return undefined;
  }
}
