import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { access, constants, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { AwsSection, GithubSection, TlsSection } from './config/config.js';
import { setMaxListeners } from 'node:events';
import type { Check, SettingValue } from './core/check.js';
import { countResults, rollUpControls } from './core/controls.js';
import { decideGate, type GateDecision, type GatePolicy } from './core/gate.js';
import { UsageError } from './core/errors.js';
import { FactStore } from './core/facts.js';
import { loadCheckCatalogue } from './core/catalogue.js';
import { loadCatalog, withControls } from './core/mapping.js';
import { Pools } from './core/pools.js';
import type { Provider, ProviderRuntime } from './core/provider.js';
import { CacheLedger } from './core/cache-ledger.js';
import { budgetOf, type Run } from './core/run.js';
import { factsByTarget, runChecks } from './core/runner.js';
import { runSecrets, type Secrets } from './core/secrets.js';
import { selectChecks } from './core/selection.js';
import { settingsFor } from './core/settings.js';
import type { CheckMeta, CollectorIdentity, Severity, Target } from './core/types.js';
import { elsewhereRecord, shardTargets, wholeTargets, type Shard } from './core/shard.js';
import { acquireLock } from './evidence/lock.js';
import { removeLeftovers } from './evidence/leftovers.js';
import { pruneRuns, type RetentionPolicy } from './evidence/retention.js';
import { readRun } from './history/runs.js';
import { checksOnlyForExcluded, exclusionProblems, markExcluded, type Exclusion } from './policy/applicability.js';
import {
  applyExceptions,
  exceptionKey,
  exceptionProblems,
  expiresWithin,
  EXPIRY_WARNING_DAYS,
  type SourcedException,
} from './policy/exceptions.js';
import { withSeverityOverrides } from './policy/severity.js';
import { CHECKS_FILE, pluginsOf, recordChecks } from './evidence/checks-record.js';
import { jsonText, latestRun, newRunId, writeRunFolder } from './evidence/run-folder.js';
import { annotateFreshness } from './evidence/freshness.js';
import { readManualEvidence, type ManualEvidenceEntry } from './evidence/manual-evidence.js';
import { judgedAt, readRecordedRun } from './evidence/replay.js';
import { signRun } from './evidence/sign.js';
import { pruneState } from './evidence/state.js';
import type { KeyObject } from 'node:crypto';
import { VERSION } from './package-info.js';
import { loadBuiltinProviders } from './providers/index.js';
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
  /** The config file the options came from: errors in its values name it. */
  configFile?: string;
  /** Where `checks` and `skipChecks` came from, for errors (default the flags `--checks`, `--skip-checks`). */
  labels?: { checks?: string; skipChecks?: string };
  /** Risk acceptances (config `exceptions`), each with where it was written. */
  exceptions?: SourcedException[];
  /** Statement of Applicability: controls that do not apply (config `applicability.excluded`). */
  excludedControls?: Exclusion[];
  /** Severity by check id (config `severityOverrides`). */
  severityOverrides?: Record<string, Severity>;
  /** The CI gate's policy; the decision is recorded in the manifest. */
  gate?: GatePolicy;
  /** Bound on the whole scan: checks not finished by then end as `error`, and the run is still written. */
  maxDurationMs?: number;
  /** How long to wait for another scan holding the lock of `out` (default: do not wait). */
  lockWaitMs?: number;
  /** Retention of run folders in `out` (--keep, --keep-days), applied after this run is written. */
  retention?: RetentionPolicy;
  /** Reports written into the run folder and hashed by its manifest, by file name. */
  reports?(run: Run, checks: CheckMeta[], gate: GateDecision): Record<string, string>;
  /** A run folder whose snapshot today's checks judge instead of live targets (`scan --replay`). */
  replay?: string;
  /** Ed25519 private key that signs the run folder. */
  signKey?: KeyObject;
  /** Maximum evidence age per control, and files attached to controls as manual evidence. */
  evidence?: { maxAgeDays?: Record<string, number>; manual?: ManualEvidenceEntry[] };
  /** The run's secret values, which no evidence file may hold; by default from `env` and the sections. */
  secrets?: Secrets;
  /** Judge only this share of the targets (`--shard I/N`). */
  shard?: Shard;
}

export interface ScanOutcome {
  run: Run;
  /** The run folder written, when `out` was not false. */
  dir?: string;
  /** sha256 of the manifest written. */
  manifestSha256?: string;
  gate: GateDecision;
  /** The complete run before this one in `out`, if any. */
  previous?: { runId: string; dir: string };
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
  const secrets = options.secrets ?? runSecrets({ ...options, env: options.env ?? process.env });
  const runtime: ProviderRuntime = {
    log,
    env: { ...(options.env ?? process.env) },
    callTimeoutMs: options.callTimeoutMs ?? DEFAULTS.callTimeoutMs,
  };

  const catalogue = await loadCheckCatalogue(options);
  const { mapping } = catalogue;
  const inConfig = (problem: string) => new UsageError(options.configFile ? `${options.configFile}: ${problem}` : problem);
  const checks = withSeverityOverrides(catalogue.checks, options.severityOverrides, inConfig);
  const excluded = options.excludedControls ?? [];
  const problems = exclusionProblems(excluded, loadCatalog());
  if (problems.length) throw inConfig(problems.join('; '));
  const notApplicable = checksOnlyForExcluded(checks, mapping, excluded);
  const selected = selectChecks(checks, options.checks, options.skipChecks, options.labels).filter((c) => !notApplicable.has(c.meta.id));
  const settings = resolveSettings(checks, options.settings, inConfig);
  const out = options.out === false ? undefined : path.resolve(options.out ?? DEFAULTS.out);
  if (out) await ensureWritable(out);
  runtime.stateDir = out ? path.join(out, '.state') : undefined;

  const catalog = loadCatalog();
  const controlIds = new Set(catalog.map((c) => c.id));
  for (const id of Object.keys(options.evidence?.maxAgeDays ?? {}))
    if (!controlIds.has(id)) throw new UsageError(`evidence.maxAgeDays: unknown control ${id}`);
  const manual = await readManualEvidence(options.evidence?.manual ?? [], controlIds);
  const recorded = options.replay !== undefined ? await readRecordedRun(options.replay) : undefined;

  // The sandbox is loaded only when asked for: a live scan never loads the emulators' code.
  let scenario = options.sandbox !== undefined ? (await import('./sandbox/scenario.js')).loadScenario(options.sandbox) : undefined;
  // Only the sandbox holds the scenario once started: the scan keeps its name, not its thousands of resources.
  const sandboxName = scenario?.name;
  const sections = { aws: options.aws, github: options.github, tls: options.tls } as Record<string, unknown>;
  const wanted = [
    ...Object.keys(sections).filter((id) => sections[id] !== undefined),
    ...Object.keys(scenario ?? {}),
    ...(recorded?.manifest.scope.targets.map((t) => t.provider) ?? []),
  ];
  const providers = options.providers ?? (await loadBuiltinProviders(wanted));
  if (!recorded && !scenario && !providers.some((p) => sections[p.id] !== undefined)) {
    throw new UsageError(
      'nothing to scan: name a target with --sandbox, --aws, --github-org ORG or --tls HOST:PORT, or in annexa.config.yaml',
    );
  }

  // One scan at a time per output folder: the previous run read here is the one this run chains to.
  if (out) await makeFolder(out);
  const lock = out ? await acquireLock(out, { log, now, maxDurationMs: options.maxDurationMs, waitMs: options.lockWaitMs }) : undefined;
  let sandbox: RunningSandbox | undefined;
  try {
    if (out) await removeLeftovers(out, log);
    const onSkip = (runId: string, reason: string) =>
      log.warn({ runId, reason }, 'a run folder that is not valid evidence is not linked as the previous run');
    const previous = out ? ((await latestRun(out, onSkip)) ?? null) : null;
    if (out) runtime.cacheLedger = new CacheLedger(previous?.manifest.cache);
    const known = new Set(previous ? (await readRun(previous.dir).catch(() => undefined))?.exceptions.map(exceptionKey) : []);
    const exceptionErrors = exceptionProblems(
      options.exceptions ?? [],
      checks.map((c) => c.meta.id),
      known,
      now(),
    );
    if (exceptionErrors.length) throw new UsageError(exceptionErrors.join('; '));
    if (notApplicable.size)
      log.info({ checks: [...notApplicable].sort() }, 'not run: they evidence only controls the Statement of Applicability excludes');

    const started = now();
    const deadline = options.maxDurationMs ? scanDeadline(options.maxDurationMs) : undefined;
    let targets: Target[];
    if (recorded) {
      const recordedTargets = recorded.manifest.scope.targets;
      // A merged run's snapshot holds every share of a split target: replayed, each is judged once, whole.
      targets = recorded.manifest.scope.mergeOf ? wholeTargets(recordedTargets) : recordedTargets;
    } else if (scenario) {
      sandbox = await (await import('./sandbox/index.js')).startSandbox(scenario, providers, runtime);
      // A variable lives as long as its function, and this one runs to the end of the scan (3 MB for the bench's AWS estate).
      scenario = undefined;
      targets = sandbox.targets;
    } else {
      targets = [];
      for (const p of providers) if (sections[p.id] !== undefined) targets.push(...(await p.resolveTargets(sections[p.id], runtime)));
    }
    const byId = new Map(providers.map((p) => [p.id, p]));
    const store = new FactStore(new Pools(options.pools), recorded?.facts);
    targets = await shardTargets(targets, options.shard, (t) => {
      const provider = byId.get(t.provider);
      const split = provider?.split?.bind(provider);
      return split && ((target, shard) => split(target, shard, store, runtime));
    });
    const inScope = selected.filter((c) => targets.some((t) => t.provider === c.meta.provider));
    options.onPlan?.({ checks: inScope.length, targets: targets.length });
    log.info({ targets: targets.map((t) => t.id), checks: inScope.length, sandbox: sandboxName }, 'scan started');

    const factsOf = factsByTarget(byId, store, runtime);
    const elsewhere = new Map<string, string[]>();
    const identities = recorded ? recorded.manifest.collector : await identify(targets, byId, factsOf, log);
    const checked = await runChecks({
      checks: inScope,
      targets,
      store,
      factsOf,
      runtime,
      settingsOf: (c) => settings.get(c.meta.id)!,
      now: recorded ? judgedAt(recorded.manifest) : started,
      concurrency: options.concurrency ?? DEFAULTS.concurrency,
      tasksAtOnce: (provider) => byId.get(provider)?.tasksAtOnce,
      checkTimeoutMs: options.checkTimeoutMs ?? DEFAULTS.checkTimeoutMs,
      deadline: deadline?.signal,
      onProgress: (done, total) => options.onProgress?.(done, total),
      onElsewhere: (check, target) => elsewhere.set(target.id, [...(elsewhere.get(target.id) ?? []), check.meta.id]),
    });
    await store.settled(deadline?.signal);
    deadline?.clear();
    if (deadline?.signal.aborted)
      log.warn({ maxDurationMs: options.maxDurationMs }, 'the scan reached --max-duration: unfinished checks are errors');
    const waived = applyExceptions(
      withControls(checked, mapping),
      (options.exceptions ?? []).map((e) => e.exception),
      started,
    );
    const results = waived.results;
    for (const e of waived.records) {
      if (e.state === 'expired')
        log.warn({ check: e.check, resources: e.resources, expires: e.expires }, 'an exception has expired and no longer applies');
      else if (expiresWithin(e, started))
        log.warn({ check: e.check, resources: e.resources, expires: e.expires }, `an exception expires within ${EXPIRY_WARNING_DAYS} days`);
    }
    const gate = decideGate(results, options.gate);
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
        targets: targets.map(({ provider, id, resource, options: o }) => ({ provider, id, resource, options: recordable(o) })),
        checks: inScope.map((c) => c.meta.id),
        ...(sandboxName !== undefined ? { sandbox: sandboxName } : {}),
        ...(options.shard ? { shard: { ...options.shard, ...elsewhereRecord(elsewhere) } } : {}),
        ...(recorded?.manifest.scope.sandbox ? { sandbox: recorded.manifest.scope.sandbox } : {}),
        ...(recorded
          ? {
              replayOf: {
                runId: recorded.manifest.runId,
                manifestSha256: recorded.manifestSha256,
                startedAt: judgedAt(recorded.manifest).toISOString(),
              },
            }
          : {}),
      },
      identities,
      configHash: options.configHash ?? null,
      counts: countResults(results),
      // A replay calls no API: the calls in its snapshot were the earlier run's.
      budget: recorded ? {} : budgetOf(facts),
      results,
      controls: markExcluded(rollUpControls(catalog, mapping, results), excluded),
      facts,
      ...(runtime.cacheLedger ? { cache: runtime.cacheLedger.entries() } : {}),
      ...(waived.records.length ? { exceptions: waived.records } : {}),
      gate: { passed: gate.passed, reason: gate.reason, rule: gate.rule },
    };
    for (const control of run.controls) if (manual.byControl.has(control.id)) control.manualEvidence = manual.byControl.get(control.id);
    // A replay judges old data: its freshness is that of the run it replays.
    if (!recorded) await annotateFreshness(run.controls, run, options.evidence?.maxAgeDays ?? {}, out);
    log.info({ runId: run.id, counts: run.counts, budget: run.budget }, 'scan finished');
    const prior = previous ? { runId: previous.runId, dir: previous.dir } : undefined;
    if (!out) return { run, gate, previous: prior };
    const reports =
      options.reports?.(
        run,
        checks.map((c) => c.meta),
        gate,
      ) ?? {};
    const checksDocument = await recordChecks(run, inScope, mapping, (c) => settings.get(c.meta.id)!);
    const { dir, manifestSha256 } = await writeRunFolder(out, run, {
      files: { ...reports, [CHECKS_FILE]: jsonText(checksDocument), ...manual.files },
      plugins: pluginsOf(checksDocument),
      ...(options.signKey ? { sign: (unsigned) => signRun(options.signKey!, unsigned) } : {}),
      secrets,
      previous,
    });
    await pruneState(runtime.stateDir!, run.cache ?? {}, log);
    log.info({ dir }, 'evidence written');
    if (options.retention) await pruneRuns(out, options.retention, finished, log);
    return { run, dir, manifestSha256, gate, previous: prior };
  } finally {
    await sandbox?.stop();
    await lock?.release();
  }
}

/** A target's options as the manifest records them: without an AWS role's external id. */
function recordable(options: unknown): unknown {
  if (!options || typeof options !== 'object' || !('externalId' in options)) return options;
  const { externalId: _externalId, ...rest } = options as Record<string, unknown>;
  return rest;
}

/** Aborts at `--max-duration`, with the reason each unfinished check's `error` carries. */
function scanDeadline(ms: number) {
  const controller = new AbortController();
  // Every running check listens for it: more than Node's default of 10 listeners is expected.
  setMaxListeners(0, controller.signal);
  const timer = setTimeout(
    () => controller.abort(new Error(`the scan reached --max-duration (${ms / 1000}s) before this check finished`)),
    ms,
  );
  timer.unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

function resolveSettings(checks: Check[], configured: ScanOptions['settings'] = {}, inConfig: (problem: string) => UsageError) {
  const byId = new Map(checks.map((c) => [c.meta.id, c]));
  for (const id of Object.keys(configured)) if (!byId.has(id)) throw inConfig(`settings.${id}: unknown check id`);
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
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || path.dirname(dir) === dir)
        throw new UsageError(`cannot write to output folder ${out}: ${code ?? (err as Error).message}`);
      dir = path.dirname(dir);
    }
  }
}

/**
 * Creates `out` one level at a time. Node's recursive mkdir never settles on
 * a path it cannot create under /proc (it retries ENOENT), so `--out
 * /proc/...` would hang instead of exiting 2.
 */
async function makeFolder(out: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = out; !existsSync(dir) && path.dirname(dir) !== dir; dir = path.dirname(dir)) missing.unshift(dir);
  for (const dir of missing) {
    try {
      await mkdir(dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new UsageError(`cannot create output folder ${out}: ${code ?? (err as Error).message}`);
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
  const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [`${targets[i]?.id}: ${(s.reason as Error).message}`] : []));
  for (const f of failures) log.error({ reason: f }, 'cannot identify the collector');
  if (targets.length && failures.length === targets.length) throw new UsageError(`cannot authenticate: ${failures.join('; ')}`);
  return settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
}
