import type { Logger } from 'pino';
import type { ProviderFacts } from './check.js';
import type { CacheLedger } from './cache-ledger.js';
import type { FactStore } from './facts.js';
import type { Shard } from './shard.js';
import type { CollectorIdentity, ProviderId, Target } from './types.js';

export interface ProviderRuntime {
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** Per-call time limit for network calls, in milliseconds. */
  callTimeoutMs: number;
  /** Folder for state kept between runs (ETag caches); inside the output folder. */
  stateDir?: string;
  /** Which entries of `stateDir` the evidence chain vouches for; caches there use only those. */
  cacheLedger?: CacheLedger;
}

/** A running sandbox emulator for one provider; `targets` point at it. */
export interface SandboxHandle<O = unknown> {
  targets: Target<O>[];
  /** Endpoints by name, for logs and tests, e.g. `{ iam: 'http://127.0.0.1:41234' }`. */
  endpoints: Record<string, string>;
  /** What the emulator counted (requests, rate-limit points), for tests and benchmarks. */
  stats?(): Record<string, unknown>;
  stop(): Promise<void>;
}

export interface Provider<P extends ProviderId = ProviderId, O = unknown, S = unknown> {
  id: P;
  title: string;
  /**
   * How many of this provider's check × target tasks run at once, when its own
   * limits pace its work below the task (TLS: connections open at once): a
   * task waiting for facts costs a promise, and the scan's `concurrency` would
   * keep too few facts asked for to fill those limits. Unset: the scan's.
   */
  tasksAtOnce?: number;
  /** Targets named by the user: the merged config section and flags for this provider. */
  resolveTargets(section: S, runtime: ProviderRuntime): Promise<Target<O>[]>;
  /** Fact accessors for one target. Whether they fetch live or replay a snapshot is the store's business. */
  facts(target: Target<O>, store: FactStore, runtime: ProviderRuntime): P extends keyof ProviderFacts ? ProviderFacts[P] : unknown;
  /** Who collected: read through facts, so that it is in the snapshot too. */
  identity(facts: P extends keyof ProviderFacts ? ProviderFacts[P] : unknown, target: Target<O>): Promise<CollectorIdentity>;
  /** Starts a loopback emulator for the scenario's section of this provider. */
  sandbox?(section: unknown, runtime: ProviderRuntime): Promise<SandboxHandle<O>>;
  /**
   * The share of a target that one shard of `scan --shard` scans, for a
   * provider that splits below the target (AWS: an account × its regions);
   * `undefined` when the shard holds none of it. Without it, whole targets
   * are shared out.
   */
  split?(target: Target<O>, shard: Shard, store: FactStore, runtime: ProviderRuntime): Promise<Target<O> | undefined>;
}
