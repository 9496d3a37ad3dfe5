import path from 'node:path';
import pino from 'pino';
import type { Check, SettingValue } from '../../src/core/check.js';
import { FactStore } from '../../src/core/facts.js';
import { loadChecksFrom } from '../../src/core/loader.js';
import { Pools } from '../../src/core/pools.js';
import type { Provider, ProviderRuntime, SandboxHandle } from '../../src/core/provider.js';
import { factsByTarget, runChecks } from '../../src/core/runner.js';
import { settingsFor } from '../../src/core/settings.js';
import type { Result } from '../../src/core/types.js';
import { awsProvider } from '../../src/providers/aws/provider.js';
import type { AwsTargetOptions } from '../../src/providers/aws/types.js';

/**
 * End-to-end: the AWS provider's real SDK clients against the wire-level
 * emulator on loopback, every AWS check run through the real runner.
 */

export const runtime: ProviderRuntime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 10_000 };

let cached: Check[] | undefined;
export async function awsChecks(): Promise<Check[]> {
  cached ??= await loadChecksFrom(path.resolve(import.meta.dirname, '../../checks/aws'), { builtin: true });
  return cached;
}

export interface SandboxScan {
  results: Result[];
  store: FactStore;
  handle: SandboxHandle<AwsTargetOptions>;
  /** Results of one check, by resource. */
  of(checkId: string): Map<string, Result>;
}

export async function scanSandbox(
  section: unknown,
  options: { only?: string[]; settings?: Record<string, Record<string, SettingValue>> } = {},
): Promise<SandboxScan> {
  const handle = await awsProvider.sandbox!(section, runtime);
  try {
    const checks = (await awsChecks()).filter((c) => !options.only || options.only.includes(c.meta.id));
    const store = new FactStore(new Pools());
    const results = await runChecks({
      checks,
      targets: handle.targets,
      store,
      factsOf: factsByTarget(new Map([['aws', awsProvider as Provider]]), store, runtime),
      runtime,
      settingsOf: (c) => settingsFor(c, options.settings?.[c.meta.id]),
      now: new Date(),
      concurrency: 8,
      checkTimeoutMs: 25_000,
    });
    const of = (id: string) => new Map(results.filter((r) => r.checkId === id).map((r) => [r.resource, r]));
    return { results, store, handle, of };
  } catch (err) {
    await handle.stop();
    throw err;
  }
}
