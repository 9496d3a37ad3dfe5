import path from 'node:path';
import { mergeShards } from '../../evidence/merge.js';
import type { CliIO } from '../io.js';
import { createLogger } from '../logger.js';

export interface MergeFlags {
  out: string;
  logLevel?: string;
}

/** `annexa merge SHARD_DIR... --out DIR`: prints the merged run folder; refusals exit 2 (UsageError). */
export async function mergeCommand(dirs: string[], flags: MergeFlags, io: CliIO): Promise<void> {
  const out = path.resolve(io.cwd, flags.out);
  const log = createLogger(io, flags.logLevel ?? 'warn');
  const { dir, run } = await mergeShards(
    dirs.map((d) => path.resolve(io.cwd, d)),
    out,
    log,
  );
  io.stdout.write(`${dir}\n`);
  log.info({ dir, shards: run.scope.mergeOf?.length, results: run.counts.total }, 'shards merged');
}
