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

/** The targets of one shard; all of them without a shard. */
export function shardTargets<T extends Pick<Target, 'id'>>(targets: T[], shard: Shard | undefined): T[] {
  return shard ? targets.filter((t) => shardOf(shardKey(t.id), shard.count) === shard.index) : targets;
}
