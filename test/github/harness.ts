import path from 'node:path';
import pino from 'pino';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Check } from '../../src/core/check.js';
import { FactStore } from '../../src/core/facts.js';
import { BUILTIN_CHECKS_DIR, loadChecksFrom } from '../../src/core/loader.js';
import { Pools } from '../../src/core/pools.js';
import type { ProviderRuntime } from '../../src/core/provider.js';
import { runChecks } from '../../src/core/runner.js';
import { settingsFor } from '../../src/core/settings.js';
import type { FactRecord, Result, Target } from '../../src/core/types.js';
import type { GithubSection } from '../../src/config/config.js';
import { githubProvider, targetsOf } from '../../src/providers/github/provider.js';
import type { GithubTargetOptions } from '../../src/providers/github/types.js';
import { startGithubSandbox, type GithubSandbox, type GithubScenario } from '../../src/sandbox/github/index.js';
import { SCENARIOS_DIR } from '../../src/sandbox/scenario.js';
import { nth } from '../helpers/nth.js';

/** The `github` section of a built-in scenario. */
export function scenarioSection(name: string): GithubScenario {
  return (parseYaml(readFileSync(path.join(SCENARIOS_DIR, `${name}.yaml`), 'utf8')) as { github: GithubScenario }).github;
}

let checks: Promise<Check[]> | undefined;
export function githubChecks(): Promise<Check[]> {
  checks ??= loadChecksFrom(path.join(BUILTIN_CHECKS_DIR, 'github'), { builtin: true });
  return checks;
}

export interface ScanOutcome {
  results: Result[];
  facts: FactRecord[];
  targets: Target<GithubTargetOptions>[];
  principal: string;
}

/**
 * One scan of the sandbox through the real provider, Octokit over HTTP on
 * loopback, and the real runner — what `annexa scan` does for GitHub.
 */
export async function scanSandbox(
  sandbox: GithubSandbox,
  options: {
    token?: string;
    orgs?: string[];
    stateDir?: string;
    section?: Partial<GithubSection>;
    settings?: Record<string, Record<string, number>>;
    checkTimeoutMs?: number;
  } = {},
): Promise<ScanOutcome> {
  const env = { SANDBOX_TOKEN: sandbox.tokens[options.token ?? 'default'] };
  const targets = targetsOf(
    { orgs: options.orgs ?? sandbox.orgs, apiUrl: sandbox.apiUrl, tokenEnv: 'SANDBOX_TOKEN', ...options.section },
    env,
  );
  const runtime: ProviderRuntime = { log: pino({ level: 'silent' }), env, callTimeoutMs: 10_000, stateDir: options.stateDir };
  const store = new FactStore(new Pools());
  const facts = new Map(targets.map((t) => [t.id, githubProvider.facts(t, store, runtime)]));
  // As scan() does: a target whose identity cannot be read still runs, its checks erring with the reason.
  const first = nth(targets, 0);
  const identity = await githubProvider.identity(facts.get(first.id)!, first).catch(() => undefined);
  const results = await runChecks({
    checks: await githubChecks(),
    targets,
    store,
    runtime,
    factsOf: (t) => facts.get(t.id),
    settingsOf: (c) => settingsFor(c, options.settings?.[c.meta.id]),
    now: new Date('2026-06-01T00:00:00Z'),
    concurrency: 16,
    checkTimeoutMs: options.checkTimeoutMs ?? 60_000,
  });
  return { results, facts: store.snapshot(), targets, principal: identity?.principal ?? '(unidentified)' };
}

export { startGithubSandbox };

/** `checkId resource` → status, for compact expectations. */
export function verdicts(results: Result[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [`${r.checkId} ${r.resource}`, r.status]));
}

/** Rate-limit points the emulator charged: REST requests (it counts 304s apart, free), plus GraphQL points. */
export function pointsOf(stats: ReturnType<GithubSandbox['stats']>): number {
  return stats.rest.requests + stats.graphql.points;
}

/** The same figure from the run's own call records: REST calls not answered 304, plus GraphQL `cost`. */
export function recordedPoints(facts: FactRecord[]): number {
  return facts.flatMap((f) => f.calls).reduce((sum, c) => sum + (c.cost ?? (c.status === 304 ? 0 : 1)), 0);
}
