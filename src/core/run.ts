import type { ExceptionRecord } from '../policy/exceptions.js';
import type { ControlRollup } from './controls.js';
import type { ElsewhereRecord } from './shard.js';
import type { CollectorIdentity, FactRecord, Result, Status } from './types.js';
import { firstPart } from './text.js';

export interface ScopeTarget {
  provider: string;
  id: string;
  resource: string;
  options: unknown;
}

/** Budget spent per provider, from the call records of the snapshot. */
export interface Budget {
  requests: number;
  /** Conditional requests answered `304 Not Modified` (free against GitHub's primary limit). */
  notModified: number;
  /** Rate-limit points reported by the API (GitHub GraphQL), when it reports them. */
  points: number;
}

/** One scan, complete: what the evidence folder is written from, and what `scan()` returns. */
export interface Run {
  id: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  tool: { name: 'annexa'; version: string; node: string };
  framework: string;
  scope: {
    targets: ScopeTarget[];
    checks: string[];
    sandbox?: string;
    /** Set when this run re-evaluated the snapshot of an earlier run (`scan --replay`): checks judged at that run's time. */
    replayOf?: { runId: string; manifestSha256: string; startedAt: string };
    /**
     * Set by `scan --shard I/N`: this run judged only shard I of N of the targets (core/shard.ts);
     * `elsewhere`: the checks each split target's share left to the shard that owns the facts they read.
     */
    shard?: { index: number; count: number; elsewhere?: ElsewhereRecord };
    /** Set by `annexa merge`: the shard runs combined, whose folders are copied under `shards/`; `startedAt` is each shard's clock. */
    mergeOf?: { index: number; runId: string; manifestSha256: string; startedAt?: string }[];
  };
  identities: CollectorIdentity[];
  /** sha256 of the configuration file's bytes, or null when none was read. */
  configHash: string | null;
  counts: Record<Status, number> & { total: number };
  budget: Record<string, Budget>;
  results: Result[];
  controls: ControlRollup[];
  facts: FactRecord[];
  /** Cache entries this run stored or relied on, with their body hashes (recorded in the manifest). */
  cache?: Record<string, string>;
  /** Every exception of the config, whether in force, and how many results it waived. */
  exceptions?: ExceptionRecord[];
  /** How the CI gate decided. */
  gate?: { passed: boolean; reason: string; rule: string };
}

export function budgetOf(facts: FactRecord[]): Record<string, Budget> {
  const budget: Record<string, Budget> = {};
  for (const fact of facts) {
    const provider = firstPart(fact.target, ':');
    const b = (budget[provider] ??= { requests: 0, notModified: 0, points: 0 });
    for (const call of fact.calls) {
      b.requests++;
      if (call.status === 304) b.notModified++;
      b.points += call.cost ?? 0;
    }
  }
  return budget;
}
