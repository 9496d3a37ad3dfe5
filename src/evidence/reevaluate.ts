import type { Check } from '../core/check.js';
import { loadChecks, withMeta } from '../core/loader.js';
import type { Provider } from '../core/provider.js';
import type { FactRecord, Result, Target } from '../core/types.js';
import type { ChecksDocument } from './checks-record.js';
import { sourceOf } from './checks-record.js';
import { canonicalJson } from './files.js';
import { BUILTIN_PROVIDER_IDS } from '../providers/index.js';
import { evaluateSnapshot } from './replay.js';
import { elsewhereRecord, type ElsewhereRecord } from '../core/shard.js';

export interface ReevaluationFinding {
  problems: string[];
  /** Checks re-evaluated, results compared, results reproduced exactly. */
  checks: number;
  results: number;
  reproduced: number;
}

/** The fields a check produces; what exceptions add later (a waiver) is not the check's verdict. */
const PRODUCED = ['checkId', 'resource', 'status', 'severity', 'messageId', 'message', 'observed', 'factRefs', 'controls'] as const;
/**
 * An `error` result's factRefs are the reads its check had begun when a fact failed: with reads in
 * parallel, which ones had begun depends on timing, so they are not compared (each must still be in
 * the snapshot, which verify checks); its status, message and reason are.
 */
const produced = (r: Result) =>
  Object.fromEntries(PRODUCED.filter((k) => r[k] !== undefined && !(k === 'factRefs' && r.status === 'error')).map((k) => [k, r[k]]));

export interface ReevaluationInput {
  recorded: ChecksDocument;
  facts: FactRecord[];
  targets: Target[];
  now: Date;
  checksDirs?: string[];
  providers?: Provider[];
  /** For a shard run: the checks its manifest says its split targets left to other shards. */
  elsewhere?: ElsewhereRecord;
}

/**
 * Runs every check the run recorded over the run's own snapshot, with the
 * settings, targets, clock and mapping it recorded. A check is only re-run
 * in the version that judged the run (same source sha256); one that is not
 * available is a problem, never a silent pass. Returns the replayed results,
 * the ids of the checks re-run, and the checks that a split target's share
 * left to another shard (a problem when they are not those `elsewhere`
 * records).
 */
export async function replayChecks(input: ReevaluationInput) {
  const problems: string[] = [];
  const available = new Map((await loadChecks(input.checksDirs)).map((c) => [c.meta.id, c]));
  const usable: Check[] = [];
  for (const record of input.recorded.checks) {
    const check = available.get(record.id);
    if (!check) {
      problems.push(
        record.origin === 'plugin'
          ? `check ${record.id}: a plugin check (${record.source.file}) that was not given: pass its folder with --checks-dir to re-evaluate it`
          : `check ${record.id}: not in this annexa; the run was judged by annexa ${record.version}`,
      );
      continue;
    }
    const { sha256 } = (await sourceOf(check)).source;
    if (sha256 !== record.source.sha256) {
      problems.push(`check ${record.id}: the available check is not the version that judged the run (source sha256 ${sha256}, recorded ${record.source.sha256}${record.version ? `, annexa ${record.version}` : ''}): its results cannot be re-evaluated`);
      continue;
    }
    // The severity is policy (severityOverrides), recorded with the run: the check is judged with it.
    usable.push(check.meta.severity === record.meta.severity ? check : withMeta(check, { severity: record.meta.severity }));
  }
  const known = new Set<string>(input.providers?.map((p) => p.id) ?? BUILTIN_PROVIDER_IDS);
  for (const t of input.targets) if (!known.has(t.provider)) problems.push(`target ${t.id}: provider ${t.provider} is not known to this annexa; its results cannot be re-evaluated`);
  const recordedById = new Map(input.recorded.checks.map((r) => [r.id, r]));
  const elsewhere = new Map<string, string[]>();
  const replayed = await evaluateSnapshot({
    checks: usable,
    targets: input.targets.filter((t) => known.has(t.provider)),
    facts: input.facts,
    mapping: input.recorded.mapping,
    settingsOf: (c) => recordedById.get(c.meta.id)!.settings,
    now: input.now,
    providers: input.providers,
    onElsewhere: (check, target) => elsewhere.set(target.id, [...(elsewhere.get(target.id) ?? []), check.meta.id]),
  });
  const left = elsewhereRecord(elsewhere).elsewhere;
  if (canonicalJson(left ?? []) !== canonicalJson(input.elsewhere ?? []))
    problems.push('scope.shard.elsewhere: the checks that split targets left to other shards do not follow from the snapshot');
  return { problems, ids: new Set(usable.map((c) => c.meta.id)), replayed, elsewhere: left };
}

/**
 * Replays the run's checks (replayChecks) and compares the results with
 * results.json.
 */
export async function reevaluate(input: ReevaluationInput & { results: Result[] }): Promise<ReevaluationFinding> {
  const { problems, ids, replayed } = await replayChecks(input);
  const finding = compareResults(input.results.filter((r) => ids.has(r.checkId)), replayed);
  return { problems: [...problems, ...finding.problems], checks: ids.size, results: finding.results, reproduced: finding.reproduced };
}

export function compareResults(recorded: Result[], replayed: Result[]) {
  const group = (results: Result[]) => {
    const byKey = new Map<string, Result[]>();
    for (const r of results) byKey.set(`${r.checkId} × ${r.resource}`, [...(byKey.get(`${r.checkId} × ${r.resource}`) ?? []), r]);
    return byKey;
  };
  const before = group(recorded);
  const after = group(replayed);
  const problems: string[] = [];
  let reproduced = 0;
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const was = (before.get(key) ?? []).map((r) => canonicalJson(produced(r))!).sort();
    const now = (after.get(key) ?? []).map((r) => canonicalJson(produced(r))!).sort();
    if (canonicalJson(was) === canonicalJson(now)) {
      reproduced += was.length;
      continue;
    }
    const [a, b] = [before.get(key) ?? [], after.get(key) ?? []];
    const [recorded, replayed] = [a[0], b[0]];
    if (a.length === 1 && b.length === 1 && recorded && replayed) {
      const fields = PRODUCED.filter((k) => canonicalJson(recorded[k]) !== canonicalJson(replayed[k]));
      problems.push(`result ${key}: recorded ${recorded.status} ("${recorded.message}"), but its snapshot gives ${replayed.status} ("${replayed.message}"); differs in ${fields.join(', ')}`);
    } else {
      problems.push(`result ${key}: recorded ${describe(a)}, but its snapshot gives ${describe(b)}`);
    }
  }
  return { problems, results: recorded.length, reproduced };
}

const describe = (results: Result[]) => (results.length ? results.map((r) => r.status).join(', ') : 'no result');
