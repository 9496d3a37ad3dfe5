import pino from 'pino';
import type { Check, ProviderFacts, SettingValue } from '../core/check.js';
import { FactError } from '../core/facts.js';
import { FactStore } from '../core/facts.js';
import { Pools } from '../core/pools.js';
import type { Provider } from '../core/provider.js';
import { factsByTarget, runChecks } from '../core/runner.js';
import { settingsFor } from '../core/settings.js';
import type { FactErrorData, ProviderId, Result, Target } from '../core/types.js';

export type FactsOf<P extends ProviderId> = P extends keyof ProviderFacts ? ProviderFacts[P] : Record<string, unknown>;

/** A deep partial of a provider's fact accessors: a test gives only what the check reads. */
export type FakeFacts<T> = { [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : FakeFacts<T[K]> };

export interface RunCheckOptions {
  settings?: Record<string, SettingValue>;
  now?: Date;
  target?: Partial<Target>;
  timeoutMs?: number;
}

/**
 * Runs one check through the real runner over facts a test builds by hand:
 * no network, same settings defaults, same error handling as a scan.
 */
export async function runCheck<P extends ProviderId>(
  check: Check<P>,
  facts: FakeFacts<FactsOf<P>>,
  options: RunCheckOptions = {},
): Promise<Result[]> {
  const provider = check.meta.provider;
  const target: Target = { provider, id: `${provider}:test`, resource: `${provider}:test`, options: {}, ...options.target };
  const fake: Provider = {
    id: provider,
    title: 'test',
    resolveTargets: async () => [target],
    facts: () => facts,
    identity: async () => ({ provider, target: target.id, principal: 'test' }),
  };
  const store = new FactStore(new Pools());
  const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 1000 };
  return runChecks({
    checks: [check],
    targets: [target],
    store,
    factsOf: factsByTarget(new Map([[provider, fake]]), store, runtime),
    runtime,
    settingsOf: (c) => settingsFor(c, options.settings),
    now: options.now ?? new Date('2026-06-01T00:00:00Z'),
    concurrency: 1,
    checkTimeoutMs: options.timeoutMs ?? 5000,
  });
}

/** A fact accessor that fails the way an API would, for the "could not collect" cases. */
export function failing(data: Partial<FactErrorData> = {}): () => Promise<never> {
  return async () => {
    throw new FactError({ kind: 'denied', message: 'AccessDenied', ...data });
  };
}

/** A fact accessor that answers `value`. */
export function answers<T>(value: T): () => Promise<T> {
  return async () => value;
}
