import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { AwsSection, GithubSection, TlsSection } from './config/config.js';
import type { Check, SettingValue } from './core/check.js';
import { countResults, rollUpControls } from './core/controls.js';
import { UsageError } from './core/errors.js';
import { FactStore } from './core/facts.js';
import { loadCheckCatalogue } from './core/catalogue.js';
import { loadCatalog, withControls } from './core/mapping.js';
import { Pools } from './core/pools.js';
import type { Provider, ProviderRuntime } from './core/provider.js';
import { budgetOf, type Run } from './core/run.js';
import { factsByTarget, runChecks } from './core/runner.js';
import { selectChecks } from './core/selection.js';
import { settingsFor } from './core/settings.js';
import type { CollectorIdentity, Target } from './core/types.js';
import { CHECKS_FILE, pluginsOf, recordChecks } from './evidence/checks-record.js';
import { jsonText, newRunId, writeRunFolder } from './evidence/run-folder.js';
import { annotateFreshness } from './evidence/freshness.js';
import { readManualEvidence, type ManualEvidenceEntry } from './evidence/manual-evidence.js';
import { judgedAt, readRecordedRun } from './evidence/replay.js';
import { signRun } from './evidence/sign.js';
import type { KeyObject } from 'node:crypto';
import { VERSION } from './package-info.js';
import { builtinProviders } from './providers/index.js';
import type { RunningSandbox } from './sandbox/index.js';

export const FRAMEWORK = 'ISO/IEC 27001:2022 Annex A';

export interface ScanOptions {
  /** Scan a sandbox scenario (a built-in name like `acme`, or a path) instead of live targets. */
  sandbox?: string;
  /** Live targets per provider; a provider without a section is not scanned. */
  aws?: AwsSection;
  github?: GithubSection;
  tls?: TlsSection;
  /** Check ids or globs to run (default all) and to skip. */
  checks?: string[];
  skipChecks?: string[];
  /** Folders of the user's own checks, and the mapping files that map them. */
  checksDirs?: string[];
  mappingFiles?: string[];
  /** Thresholds by check id. */
  settings?: Record<string, Record<string, SettingValue>>;
  concurrency?: number;
  pools?: Record<string, number>;
  checkTimeoutMs?: number;
  callTimeoutMs?: number;
  /** Output folder for the evidence run folder; `false` writes nothing. Default `./evidence`. */
  out?: string | false;
  /** sha256 of the config file, recorded in the manifest. */
  configHash?: string | null;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** The run's clock (tests pin it). */
  now?: () => Date;
  onProgress?(done: number, total: number): void;
  /** Called once the checks to run are known, before any network call. */
  onPlan?(plan: { checks: number; targets: number }): void;
  providers?: Provider[];
  /** A run folder whose snapshot today's checks judge instead of live targets (`scan --replay`). */
  replay?: string;
  /** Ed25519 private key that signs the run folder. */
  signKey?: KeyObject;
  /** Maximum evidence age per control, and files attached to controls as manual evidence. */
  evidence?: { maxAgeDays?: Record<string, number>; manual?: ManualEvidenceEntry[] };
}

export interface ScanOutcome {
  run: Run;
  /** The run folder written, when `out` was not false. */
  dir?: string;
  /** sha256 of the manifest written. */
  manifestSha256?: string;
}

const DEFAULTS = { concurrency: 16, checkTimeoutMs: 120_000, callTimeoutMs: 30_000, out: 'evidence' };

/**
 * One scan: resolve scope, run every selected check over every target in
 * parallel, roll results up per Annex A control, and write the evidence run
 * folder. Bad input throws a UsageError before anything is written.
 */
export async function scan(options: ScanOptions = {}): Promise<ScanOutcome> {
  const now = options.now ?? (() => new Date());
  const log = options.logger ?? pino({ level: 'silent' });
  const providers = options.providers ?? builtinProviders;
  const runtime: ProviderRuntime = {
    log,
    env: { ...(options.env ?? process.env) },
    callTimeoutMs: options.callTimeoutMs ?? DEFAULTS.callTimeoutMs,
  };

  const { checks, mapping } = await loadCheckCatalogue(options);
  const selected = selectChecks(checks, options.checks, options.skipChecks);
  const settings = resolveSettings(checks, options.settings);
  const out = options.out === false ? undefined : path.resolve(options.out ?? DEFAULTS.out);
  if (out) await ensureWritable(out);
  runtime.stateDir = out ? path.join(out, '.state') : undefined;

  const catalog = loadCatalog();
  const controlIds = new Set(catalog.map((c) => c.id));
  for (const id of Object.keys(options.evidence?.maxAgeDays ?? {})) if (!controlIds.has(id)) throw new UsageError(`evidence.maxAgeDays: unknown control ${id}`);
  const manual = await readManualEvidence(options.evidence?.manual ?? [], controlIds);
  const recorded = options.replay !== undefined ? await readRecordedRun(options.replay) : undefined;

  // The sandbox is loaded only when asked for: a live scan never loads the emulators' code.
  const scenario = options.sandbox !== undefined ? (await import('./sandbox/scenario.js')).loadScenario(options.sandbox) : undefined;
  const sections = { aws: options.aws, github: options.github, tls: options.tls } as Record<string, unknown>;
  if (!recorded && !scenario && !providers.some((p) => sections[p.id] !== undefined)) {
    throw new UsageError('nothing to scan: name a target with --sandbox, --aws, --github-org ORG or --tls HOST:PORT, or in annexa.config.yaml');
  }

  const started = now();
  let sandbox: RunningSandbox | undefined;
  try {
    let targets: Target[];
    if (recorded) {
      targets = recorded.manifest.scope.targets as Target[];
    } else if (scenario) {
      sandbox = await (await import('./sandbox/index.js')).startSandbox(scenario, providers, runtime);
      targets = sandbox.targets;
    } else {
      targets = [];
      for (const p of providers) if (sections[p.id] !== undefined) targets.push(...(await p.resolveTargets(sections[p.id], runtime)));
    }
    const inScope = selected.filter((c) => targets.some((t) => t.provider === c.meta.provider));
    options.onPlan?.({ checks: inScope.length, targets: targets.length });
    log.info({ targets: targets.map((t) => t.id), checks: inScope.length, sandbox: scenario?.name }, 'scan started');

    const byId = new Map(providers.map((p) => [p.id, p]));
    const store = new FactStore(new Pools(options.pools), recorded?.facts);
    const factsOf = factsByTarget(byId, store, runtime);
    const identities = recorded ? recorded.manifest.collector : await identify(targets, byId, factsOf, log);
    const results = await runChecks({
      checks: inScope,
      targets,
      store,
      factsOf,
      runtime,
      settingsOf: (c) => settings.get(c.meta.id)!,
      now: recorded ? judgedAt(recorded.manifest) : started,
      concurrency: options.concurrency ?? DEFAULTS.concurrency,
      checkTimeoutMs: options.checkTimeoutMs ?? DEFAULTS.checkTimeoutMs,
      onProgress: (done, total) => options.onProgress?.(done, total),
    });
    const mapped = withControls(results, mapping);
    const finished = now();
    const facts = store.snapshot();
    const run: Run = {
      id: newRunId(started, randomBytes(3).toString('hex')),
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - started.getTime(),
      tool: { name: 'annexa', version: VERSION, node: process.version },
      framework: FRAMEWORK,
      scope: {
        targets: targets.map(({ provider, id, resource, options: o }) => ({ provider, id, resource, options: o })),
        checks: inScope.map((c) => c.meta.id),
        ...(scenario ? { sandbox: scenario.name } : {}),
        ...(recorded?.manifest.scope.sandbox ? { sandbox: recorded.manifest.scope.sandbox } : {}),
        ...(recorded ? { replayOf: { runId: recorded.manifest.runId, manifestSha256: recorded.manifestSha256, startedAt: judgedAt(recorded.manifest).toISOString() } } : {}),
      },
      identities,
      configHash: options.configHash ?? null,
      counts: countResults(mapped),
      // A replay calls no API: the calls in its snapshot were the earlier run's.
      budget: recorded ? {} : budgetOf(facts),
      results: mapped,
      controls: rollUpControls(catalog, mapping, mapped),
      facts,
    };
    for (const control of run.controls) if (manual.byControl.has(control.id)) control.manualEvidence = manual.byControl.get(control.id);
    // A replay judges old data: its freshness is that of the run it replays.
    if (!recorded) await annotateFreshness(run.controls, run, options.evidence?.maxAgeDays ?? {}, out);
    log.info({ runId: run.id, counts: run.counts, budget: run.budget }, 'scan finished');
    if (!out) return { run };
    await mkdir(out, { recursive: true });
    const checksDocument = await recordChecks(run, inScope, mapping, (c) => settings.get(c.meta.id)!);
    const { dir, manifestSha256 } = await writeRunFolder(out, run, {
      files: { [CHECKS_FILE]: jsonText(checksDocument), ...manual.files },
      plugins: pluginsOf(checksDocument),
      ...(options.signKey ? { sign: (unsigned) => signRun(options.signKey!, unsigned) } : {}),
    });
    log.info({ dir }, 'evidence written');
    return { run, dir, manifestSha256 };
  } finally {
    await sandbox?.stop();
  }
}

function resolveSettings(checks: Check[], configured: ScanOptions['settings'] = {}) {
  const byId = new Map(checks.map((c) => [c.meta.id, c]));
  for (const id of Object.keys(configured)) if (!byId.has(id)) throw new UsageError(`settings.${id}: unknown check id`);
  return new Map(checks.map((c) => [c.meta.id, settingsFor(c, configured[c.meta.id])]));
}

/** Refuses an output folder that cannot be written, without creating anything yet. */
async function ensureWritable(out: string): Promise<void> {
  let dir = out;
  for (;;) {
    try {
      const info = await stat(dir);
      if (!info.isDirectory()) throw new UsageError(`cannot write to output folder ${out}: ${dir} is not a folder`);
      await access(dir, constants.W_OK);
      return;
    } catch (err) {
      if (err instanceof UsageError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || path.dirname(dir) === dir) throw new UsageError(`cannot write to output folder ${out}: ${code ?? (err as Error).message}`);
      dir = path.dirname(dir);
    }
  }
}

/**
 * Who collected, per target. A target whose identity cannot be read still
 * runs (its checks will error with the reason); if none can, the scan cannot
 * run as asked.
 */
async function identify(
  targets: Target[],
  providers: Map<string, Provider>,
  factsOf: (t: Target) => unknown,
  log: Logger,
): Promise<CollectorIdentity[]> {
  const settled = await Promise.allSettled(targets.map((t) => providers.get(t.provider)!.identity(factsOf(t) as never, t)));
  const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [`${targets[i].id}: ${(s.reason as Error).message}`] : []));
  for (const f of failures) log.error({ reason: f }, 'cannot identify the collector');
  if (targets.length && failures.length === targets.length) throw new UsageError(`cannot authenticate: ${failures.join('; ')}`);
  return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
}
