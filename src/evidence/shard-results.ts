import type { ElsewhereRecord } from '../core/shard.js';
import type { Result } from '../core/types.js';

/** Where a merged run keeps a copy of each shard run folder, by shard index. */
export const SHARDS_FOLDER = 'shards';

/** What combining one shard's results needs: its targets, the checks it ran, and those it left to other shards. */
export interface ShardResults {
  targets: { id: string; resource: string }[];
  checks: string[];
  elsewhere?: ElsewhereRecord;
  results: Result[];
}

const byResult = (a: Result, b: Result) => (`${a.checkId} ${a.resource}` < `${b.checkId} ${b.resource}` ? -1 : 1);

/** One result for several shards' alike ones: the first, resting on what all of them read. */
const joined = (results: Result[]): Result =>
  results.length === 1 ? results[0]! : { ...results[0]!, factRefs: [...new Set(results.flatMap((r) => r.factRefs))].sort() };

/**
 * The results of an unsharded scan, from its shards' results. A target held
 * by one shard keeps its results as they are. A target split between shards
 * (an AWS account by region) is judged in parts, and a regional check
 * speaks of the target as a whole only when a part found nothing to judge
 * (`No KMS keys in the scanned regions`, on the account) or could not start
 * (an `error` on the account): such a not-applicable result holds for the
 * account only when every part that ran the check gave it (then one is
 * kept), and an error is kept once per distinct message. Used by `annexa
 * merge`, and by `annexa verify` on the shards' re-evaluated results, so
 * both combine alike.
 */
export function combineShardResults(shards: ShardResults[]): Result[] {
  const holders = new Map<string, number[]>();
  shards.forEach((s, i) => {
    for (const resource of new Set(s.targets.map((t) => t.resource))) holders.set(resource, [...(holders.get(resource) ?? []), i]);
  });
  const left = (i: number, resource: string) => {
    const s = shards[i]!;
    const ids = new Set(s.targets.filter((t) => t.resource === resource).map((t) => t.id));
    return new Set((s.elsewhere ?? []).filter((e) => ids.has(e.target)).flatMap((e) => e.checks));
  };
  const out: Result[] = [];
  const groups = new Map<string, { shard: number; result: Result }[]>();
  shards.forEach((s, shard) => {
    for (const result of s.results) {
      if ((holders.get(result.resource)?.length ?? 0) < 2) out.push(result);
      else {
        const key = `${result.checkId}\u0000${result.resource}`;
        groups.set(key, [...(groups.get(key) ?? []), { shard, result }]);
      }
    }
  });
  for (const entries of groups.values()) {
    const { checkId, resource } = entries[0]!.result;
    const ran = holders.get(resource)!.filter((i) => shards[i]!.checks.includes(checkId) && !left(i, resource).has(checkId));
    const none = entries.filter((e) => e.result.status === 'not_applicable');
    if (none.length && ran.every((i) => none.some((e) => e.shard === i))) out.push(joined(none.map((e) => e.result)));
    const errors = new Map<string, Result[]>();
    for (const { result } of entries.filter((e) => e.result.status === 'error')) errors.set(result.message, [...(errors.get(result.message) ?? []), result]);
    out.push(...[...errors.values()].map(joined));
    out.push(...entries.filter((e) => e.result.status === 'pass' || e.result.status === 'fail').map((e) => e.result));
  }
  return out.sort(byResult);
}
