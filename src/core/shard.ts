import { createHash } from 'node:crypto';
import { UsageError } from './errors.js';
import type { Target } from './types.js';

/** One share of a scan's targets: shard `index` (from 0) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Kubernetes sets it in each pod of an Indexed Job: the pod's index, from 0. */
export const SHARD_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/**
 * Parses `--shard I/N`, `--shard /N` or `--shard N`; the last two take I
 * from $JOB_COMPLETION_INDEX (a Kubernetes Indexed Job). I counts from 0.
 */
export function parseShard(spec: string, env: NodeJS.ProcessEnv): Shard {
  const m = /^(?:(\d+)?\/)?(\d+)$/.exec(spec.trim());
  if (!m) throw new UsageError(`--shard ${spec}: expected I/N, /N or N (I from 0 to N-1)`);
  const count = Number(m[2]);
  const given = m[1] ?? env[SHARD_INDEX_ENV];
  if (given === undefined || !/^\d+$/.test(given))
    throw new UsageError(`--shard ${spec}: no index given and $${SHARD_INDEX_ENV} is not set to a number`);
  const index = Number(given);
  if (count < 1 || index >= count) throw new UsageError(`--shard ${spec}: the index must be from 0 to ${count - 1}`);
  return { index, count };
}

/**
 * The shard a target id belongs to, by rendezvous hashing: the shard whose
 * sha256 of `shard:id` is highest. A target's shard depends on its own id
 * and N only, so adding or removing a target moves no other target, and
 * going from N to N+1 shards moves only about 1/(N+1) of them.
 */
export function shardOf(targetId: string, count: number): number {
  let best = 0;
  let bestScore = '';
  for (let i = 0; i < count; i++) {
    const score = createHash('sha256').update(`${i}:${targetId}`).digest('hex');
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  return best;
}

/**
 * What a target is sharded by: its id, less the address a TLS target
 * connects to (`tls:name@address:port`), which can change between runs (the
 * sandbox's listeners take ephemeral ports) while the endpoint stays the same.
 */
export const shardKey = (targetId: string) => targetId.replace(/@[^@]*$/, '');

/**
 * Whether shard `shard` owns the unit `key` (a target id, or a part of one:
 * `aws:123456789012/eu-west-1`), by the same rendezvous hashing.
 */
export const ownsUnit = (key: string, shard: Shard) => shardOf(key, shard.count) === shard.index;

/**
 * Thrown by a fact accessor of a target's share that another shard owns (an
 * account-wide fact read in a shard that holds only some of the account's
 * regions): the check reading it is judged on that target by the shard that
 * owns the fact, so this shard records no result for it.
 */
export class ElsewhereError extends Error {
  override name = 'ElsewhereError';
}

/**
 * A provider that splits its targets below the target (AWS: an account's
 * regions) hands each shard its share; the others are split whole.
 */
export type SplitTarget = (target: Target, shard: Shard) => Promise<Target | undefined>;

/** The share of each target that one shard scans: all of them without a shard. */
export async function shardTargets(
  targets: Target[],
  shard: Shard | undefined,
  splitOf: (t: Target) => SplitTarget | undefined,
): Promise<Target[]> {
  if (!shard) return targets;
  const shares: Target[] = [];
  for (const t of targets) {
    const split = splitOf(t);
    const share = split ? await split(t, shard) : ownsUnit(shardKey(t.id), shard) ? t : undefined;
    if (share) shares.push(share);
  }
  return shares;
}

/** Which checks each target's share left to other shards (ElsewhereError), as the shard's manifest records it. */
export type ElsewhereRecord = { target: string; checks: string[] }[];

export function elsewhereRecord(byTarget: ReadonlyMap<string, string[]>): { elsewhere?: ElsewhereRecord } {
  if (!byTarget.size) return {};
  const elsewhere = [...byTarget].map(([target, checks]) => ({ target, checks: [...checks].sort() }));
  return { elsewhere: elsewhere.sort((a, b) => (a.target < b.target ? -1 : 1)) };
}

/**
 * The targets of a merged run as one unsharded scan has them: a target
 * split between shards appears once per share (`options.split`); replaying
 * the merged snapshot judges it once, whole.
 */
export function wholeTargets<T extends Pick<Target, 'id' | 'options'>>(targets: T[]): T[] {
  const byId = new Map<string, T>();
  for (const t of targets) {
    if (byId.has(t.id)) continue;
    const options = t.options;
    if (options && typeof options === 'object' && 'split' in options) {
      const { split: _split, ...whole } = options as Record<string, unknown>;
      byId.set(t.id, { ...t, options: whole });
    } else byId.set(t.id, t);
  }
  return [...byId.values()];
}
