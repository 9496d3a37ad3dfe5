import path from 'node:path';
import pino from 'pino';
import type { Check } from '../../src/core/check.js';
import { FactStore } from '../../src/core/facts.js';
import { loadChecks } from '../../src/core/loader.js';
import { Pools } from '../../src/core/pools.js';
import type { SandboxHandle } from '../../src/core/provider.js';
import { factsByTarget, runChecks } from '../../src/core/runner.js';
import { settingsFor } from '../../src/core/settings.js';
import type { FactRecord, Result } from '../../src/core/types.js';
import { tlsProvider } from '../../src/providers/tls/provider.js';
import type { TlsTargetOptions } from '../../src/providers/tls/types.js';
import { loadScenario } from '../../src/sandbox/scenario.js';

export const E2E_SCENARIO = path.join(import.meta.dirname, 'e2e.yaml');
const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 5000 };

export async function startE2eSandbox(): Promise<SandboxHandle<TlsTargetOptions>> {
  return tlsProvider.sandbox!(loadScenario(E2E_SCENARIO).tls, runtime);
}

export async function tlsChecks(): Promise<Check[]> {
  return (await loadChecks()).filter((c) => c.meta.provider === 'tls');
}

/** Runs the TLS checks over the sandbox's targets through the real runner and fact store: real handshakes. */
export async function scanSandbox(sandbox: SandboxHandle<TlsTargetOptions>, checks: Check[], snapshot?: FactRecord[]) {
  // With a snapshot, the store replays it and never calls a fetcher (what `annexa verify` relies on).
  const store = new FactStore(new Pools(), snapshot);
  const results = await runChecks({
    checks,
    targets: sandbox.targets,
    store,
    factsOf: factsByTarget(new Map([['tls', tlsProvider]]), store, runtime),
    runtime,
    settingsOf: (c) => settingsFor(c),
    now: new Date(),
    concurrency: 16,
    checkTimeoutMs: 60_000,
  });
  const resourceOf = (name: string) => sandbox.targets.find((t) => `127.0.0.1:${t.options.port}` === sandbox.endpoints[name])!.resource;
  const verdict = (name: string, checkId: string): Result => {
    const found = results.find((r) => r.checkId === checkId && r.resource === resourceOf(name));
    if (!found) throw new Error(`no ${checkId} result for ${name}`);
    return found;
  };
  return { results, verdict, facts: store.snapshot() };
}
