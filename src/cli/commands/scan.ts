import { appendFile, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { SingleBar } from 'cli-progress';
import type { Logger } from 'pino';
import { DEFAULT_CONFIG_FILE, loadConfig, type AnnexaConfig } from '../../config/config.js';
import { EXIT, ExitError, UsageError } from '../../core/errors.js';
import { parseShard } from '../../core/shard.js';
import { FRAMEWORK_NAMES, rollUpFor, type FrameworkId } from '../../core/frameworks.js';
import type { FailOn, GateDecision } from '../../core/gate.js';
import { readPrivateKey, SIGN_KEY_ENV } from '../../evidence/sign.js';
import { runSecrets } from '../../core/secrets.js';
import { parseHostPort } from '../../providers/tls/targets.js';
import type { Run } from '../../core/run.js';
import { writeAtomic } from '../../evidence/files.js';
import { diffRuns, driftLine } from '../../history/diff.js';
import { notifyDrift } from '../../history/notify.js';
import { readRun } from '../../history/runs.js';
import { readExceptionsFile, sourced } from '../../policy/exceptions.js';
import { outputFiles, parseFormats, renderReports, REPORT_FILE, type Format } from '../../report/formats.js';
import { renderJsonSummary } from '../../report/json.js';
import { renderMarkdown, STEP_SUMMARY_MAX_BYTES } from '../../report/markdown.js';
import { renderSummary } from '../../report/terminal.js';
import { scan, type ScanOptions } from '../../scan.js';
import { colourEnabled, type CliIO } from '../io.js';
import { createLogger } from '../logger.js';
import { pluginSources } from '../plugins.js';

export interface ScanFlags {
  sandbox?: string | true;
  aws?: boolean;
  awsProfile?: string;
  awsRegion?: string[];
  githubOrg?: string[];
  githubApiUrl?: string;
  tls?: string[];
  config?: string;
  out?: string;
  checks?: string[];
  skipChecks?: string[];
  checksDir?: string[];
  mapping?: string[];
  concurrency?: number;
  failOn?: FailOn;
  allowErrors?: boolean;
  json?: boolean;
  quiet?: boolean;
  logLevel?: string;
  demo?: boolean;
  format?: string[];
  outputFile?: string[];
  sarifAnchor?: string;
  maxDuration?: number;
  lockWait?: number;
  keep?: number;
  keepDays?: number;
  notifyWebhook?: string;
  replay?: string;
  signKey?: string;
  framework?: FrameworkId;
  shard?: string;
}

/** `annexa scan`; a failed gate ends it with ExitError(1) once the summary is out. */
export async function scanCommand(flags: ScanFlags, io: CliIO): Promise<void> {
  const { config, hash, file } = loadConfig(flags.config, io.cwd);
  const formats = parseFormats(flags.format);
  const copies = outputFiles(flags.outputFile, formats, io.cwd);
  const now = new Date();
  const options: ScanOptions = {
    ...scanOptionsFrom(config, flags, io.cwd, file),
    configHash: hash,
    env: io.env,
    gate: { failOn: flags.failOn ?? config.failOn, allowErrors: flags.allowErrors },
    maxDurationMs: flags.maxDuration,
    lockWaitMs: flags.lockWait,
    retention: flags.keep !== undefined || flags.keepDays !== undefined ? { keep: flags.keep, keepDays: flags.keepDays } : undefined,
    shard: flags.shard === undefined ? undefined : parseShard(flags.shard, io.env),
  };
  options.secrets = runSecrets(options);
  // Quiet is for cron, which mails every line: only warnings and errors are logged unless asked.
  const log = createLogger(io, flags.logLevel ?? (flags.quiet ? 'warn' : undefined), options.secrets);
  options.logger = log;
  const signKey = flags.signKey ?? io.env[SIGN_KEY_ENV];
  if (signKey) options.signKey = readPrivateKey(path.resolve(io.cwd, signKey));
  const anchor = (flags.sarifAnchor ? path.resolve(io.cwd, flags.sarifAnchor) : file) ?? path.join(io.cwd, DEFAULT_CONFIG_FILE);
  options.reports = (run, checks, gate) =>
    renderReports(formats, run, checks, gate, {
      sarifAnchor: path.relative(io.cwd, anchor).split(path.sep).join('/'),
      dir: path.join(options.out as string, run.id),
      now,
    });

  const showProgress = Boolean(io.stderr.isTTY) && !flags.json && !flags.quiet;
  // the progress bar is loaded only for a terminal that shows it
  const Bar = showProgress ? (createRequire(import.meta.url)('cli-progress') as { SingleBar: typeof SingleBar }).SingleBar : undefined;
  const bar = Bar
    ? new Bar({
        stream: io.stderr,
        format: 'scanning {bar} {value}/{total} check runs · {duration}s',
        hideCursor: true,
        clearOnComplete: true,
      })
    : undefined;
  options.onPlan = ({ checks, targets }) => bar?.start(checks * targets || 1, 0);
  options.onProgress = (done) => bar?.update(done);
  let outcome;
  try {
    outcome = await scan(options);
  } finally {
    bar?.stop();
  }
  const { dir, manifestSha256, gate } = outcome;
  if (dir) await publishReports(formats, copies, dir, io, now, outcome.run, gate);
  const drift = outcome.previous ? await driftSince(outcome.previous.dir, outcome.run, log) : undefined;
  if (drift && flags.notifyWebhook) await notifyDrift(flags.notifyWebhook, drift, log, dir);
  const driftText = drift ? driftLine(drift) : 'Drift     no previous run in this output folder to compare with';
  // The evidence folder stays in Annex A 2022; --framework changes what the summary reads the results against.
  const other = flags.framework && flags.framework !== 'iso27001-2022' ? flags.framework : undefined;
  const run = other ? { ...outcome.run, framework: FRAMEWORK_NAMES[other], controls: rollUpFor(other, outcome.run.results) } : outcome.run;

  if (flags.json) {
    io.stdout.write(renderJsonSummary(run, gate, dir ? { dir, manifestSha256 } : null, !flags.demo));
  } else if (flags.quiet) {
    if (dir) io.stdout.write(`${dir}\n`);
  } else {
    const framework = other && { name: FRAMEWORK_NAMES[other], group: other === 'nist-csf-2.0' ? 'function' : 'clause' };
    io.stdout.write(
      renderSummary(run, { colour: colourEnabled(io), dir, gate, demo: flags.demo, cwd: io.cwd, framework, now, drift: driftText }),
    );
  }
  // The summary and the JSON already say why; --quiet says it in one line on stderr.
  if (!gate.passed && !flags.demo) throw new ExitError(EXIT.gateFailed, flags.quiet ? `gate failed: ${gate.reason} (${gate.rule})` : '');
}

/** Copies the reports to their --output-file paths, and the Markdown to $GITHUB_STEP_SUMMARY when set. */
async function publishReports(
  formats: Format[],
  copies: Map<Format, string>,
  dir: string,
  io: CliIO,
  now: Date,
  run: Run,
  gate: GateDecision,
): Promise<void> {
  for (const [format, target] of copies) {
    await mkdir(path.dirname(target), { recursive: true });
    await writeAtomic(target, await readFile(path.join(dir, REPORT_FILE[format])));
  }
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (!formats.includes('markdown') || !summaryFile) return;
  const used = await stat(summaryFile).then(
    (s) => s.size,
    () => 0,
  );
  const text = renderMarkdown(run, { gate, now, maxBytes: STEP_SUMMARY_MAX_BYTES - used - 1 });
  if (text) await appendFile(summaryFile, `${used ? '\n' : ''}${text}`);
}

async function driftSince(previousDir: string, run: Run, log: Logger) {
  try {
    const before = await readRun(previousDir);
    const diff = diffRuns(before, { runId: run.id, results: run.results, controls: run.controls, exceptions: run.exceptions ?? [] });
    log.info({ from: diff.from, to: diff.to, ...diff.totals }, 'drift since the previous run');
    return diff;
  } catch (err) {
    log.warn({ previous: previousDir, reason: (err as Error).message }, 'cannot compare with the previous run');
    return undefined;
  }
}

/**
 * Flags win over the config; a provider is scanned when the config or a flag
 * names it. Paths in flags are relative to the working folder (the config's
 * are already absolute).
 */
export function scanOptionsFrom(config: AnnexaConfig, flags: ScanFlags, cwd: string, configFile?: string): ScanOptions {
  const abs = (p: string) => path.resolve(cwd, p);
  const live = flags.aws || flags.awsProfile || flags.awsRegion || flags.githubOrg || flags.githubApiUrl || flags.tls;
  if (flags.sandbox !== undefined && live) throw new UsageError('--sandbox cannot be combined with --aws, --github-org or --tls');
  if (flags.replay !== undefined && (live || flags.sandbox !== undefined))
    throw new UsageError('--replay judges a recorded snapshot: it cannot be combined with --sandbox, --aws, --github-org or --tls');
  const options: ScanOptions = {
    checks: flags.checks ?? config.checks?.include,
    skipChecks: flags.skipChecks ?? config.checks?.exclude,
    ...pluginSources(config, flags, cwd),
    settings: config.settings,
    concurrency: flags.concurrency ?? config.concurrency,
    pools: config.pools,
    checkTimeoutMs: config.checkTimeoutSeconds && config.checkTimeoutSeconds * 1000,
    callTimeoutMs: config.callTimeoutSeconds && config.callTimeoutSeconds * 1000,
    out: flags.out ? abs(flags.out) : (config.out ?? abs('evidence')),
    configFile,
    labels: {
      checks: flags.checks || !configFile ? '--checks' : `${configFile}: checks.include`,
      skipChecks: flags.skipChecks || !configFile ? '--skip-checks' : `${configFile}: checks.exclude`,
    },
    exceptions: [
      ...sourced(config.exceptions, configFile ?? 'config'),
      ...(config.exceptionsFile ? readExceptionsFile(config.exceptionsFile) : []),
    ],
    excludedControls: config.applicability?.excluded,
    severityOverrides: config.severityOverrides,
    evidence: config.evidence,
  };
  // A replay is not new evidence: it writes a run folder only where it is told to.
  if (flags.replay !== undefined) return { ...options, replay: abs(flags.replay), out: flags.out ? abs(flags.out) : false };
  if (flags.sandbox !== undefined) return { ...options, sandbox: flags.sandbox === true ? 'acme' : scenarioArg(flags.sandbox, cwd) };
  if (config.aws || flags.aws || flags.awsProfile || flags.awsRegion) {
    options.aws = {
      ...config.aws,
      ...(flags.awsProfile ? { profile: flags.awsProfile } : {}),
      ...(flags.awsRegion ? { regions: flags.awsRegion } : {}),
    };
  }
  if (config.github || flags.githubOrg || flags.githubApiUrl) {
    const orgs = [...new Set([...(config.github?.orgs ?? []), ...(flags.githubOrg ?? [])])];
    if (!orgs.length) throw new UsageError('no GitHub organisation to scan: add --github-org ORG or github.orgs in the config');
    options.github = { ...config.github, orgs, ...(flags.githubApiUrl ? { apiUrl: flags.githubApiUrl } : {}) };
  }
  if (config.tls || flags.tls) {
    options.tls = { ...config.tls, endpoints: [...(config.tls?.endpoints ?? []), ...(flags.tls ?? []).map(parseHostPort)] };
  }
  return options;
}

/** A scenario name stays a name; a path is made absolute against the working folder. */
function scenarioArg(value: string, cwd: string): string {
  return /[/\\]|\.ya?ml$/.test(value) ? path.resolve(cwd, value) : value;
}
