import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { loadConfig, type AnnexaConfig } from '../../config/config.js';
import { controlCounts } from '../../core/controls.js';
import { EXIT, ExitError, UsageError } from '../../core/errors.js';
import { FRAMEWORK_NAMES, rollUpFor, type FrameworkId } from '../../core/frameworks.js';
import { decideGate, type FailOn } from '../../core/gate.js';
import { readPrivateKey, SIGN_KEY_ENV } from '../../evidence/sign.js';
import { parseHostPort } from '../../providers/tls/targets.js';
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
  replay?: string;
  signKey?: string;
  framework?: FrameworkId;
}

/** `annexa scan`; a failed gate ends it with ExitError(1) once the summary is out. */
export async function scanCommand(flags: ScanFlags, io: CliIO): Promise<void> {
  const { config, hash } = loadConfig(flags.config, io.cwd);
  const log = createLogger(io, flags.logLevel);
  const options: ScanOptions = { ...scanOptionsFrom(config, flags, io.cwd), configHash: hash, logger: log, env: io.env };
  const signKey = flags.signKey ?? io.env[SIGN_KEY_ENV];
  if (signKey) options.signKey = readPrivateKey(path.resolve(io.cwd, signKey));

  const showProgress = Boolean(io.stderr.isTTY) && !flags.json && !flags.quiet;
  const bar = showProgress ? new SingleBar({ stream: io.stderr, format: 'scanning {bar} {value}/{total} check runs · {duration}s', hideCursor: true, clearOnComplete: true }) : undefined;
  options.onPlan = ({ checks, targets }) => bar?.start(checks * targets || 1, 0);
  options.onProgress = (done) => bar?.update(done);
  let outcome;
  try {
    outcome = await scan(options);
  } finally {
    bar?.stop();
  }
  const { dir, manifestSha256 } = outcome;
  // The evidence folder stays in Annex A 2022; --framework changes what the summary reads the results against.
  const other = flags.framework && flags.framework !== 'iso27001-2022' ? flags.framework : undefined;
  const run = other ? { ...outcome.run, framework: FRAMEWORK_NAMES[other], controls: rollUpFor(other, outcome.run.results) } : outcome.run;
  const gate = decideGate(run.results, { failOn: flags.failOn ?? config.failOn, allowErrors: flags.allowErrors });

  if (flags.json) {
    const { results, controls, facts: _facts, identities, ...summary } = run;
    io.stdout.write(`${JSON.stringify({ ...summary, collector: identities, controls: controlCounts(controls), stale: controls.flatMap((c) => (c.freshness?.stale ? [{ id: c.id, ...c.freshness }] : [])), evidence: dir ? { dir, manifestSha256 } : null, gate: { passed: gate.passed, reason: gate.reason, rule: gate.rule, applied: !flags.demo }, results }, null, 2)}\n`);
  } else if (flags.quiet) {
    if (dir) io.stdout.write(`${dir}\n`);
  } else {
    const framework = other && { name: FRAMEWORK_NAMES[other], group: other === 'nist-csf-2.0' ? 'function' : 'clause' };
    io.stdout.write(renderSummary(run, { colour: colourEnabled(io), dir, gate, demo: flags.demo, cwd: io.cwd, framework }));
  }
  // The summary and the JSON already say why; --quiet says it in one line on stderr.
  if (!gate.passed && !flags.demo) throw new ExitError(EXIT.gateFailed, flags.quiet ? `gate failed: ${gate.reason} (${gate.rule})` : '');
}

/**
 * Flags win over the config; a provider is scanned when the config or a flag
 * names it. Paths in flags are relative to the working folder (the config's
 * are already absolute).
 */
export function scanOptionsFrom(config: AnnexaConfig, flags: ScanFlags, cwd: string): ScanOptions {
  const abs = (p: string) => path.resolve(cwd, p);
  const live = flags.aws || flags.awsProfile || flags.awsRegion || flags.githubOrg || flags.githubApiUrl || flags.tls;
  if (flags.sandbox !== undefined && live) throw new UsageError('--sandbox cannot be combined with --aws, --github-org or --tls');
  if (flags.replay !== undefined && (live || flags.sandbox !== undefined)) throw new UsageError('--replay judges a recorded snapshot: it cannot be combined with --sandbox, --aws, --github-org or --tls');
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
    evidence: config.evidence,
  };
  // A replay is not new evidence: it writes a run folder only where it is told to.
  if (flags.replay !== undefined) return { ...options, replay: abs(flags.replay), out: flags.out ? abs(flags.out) : false };
  if (flags.sandbox !== undefined) return { ...options, sandbox: flags.sandbox === true ? 'acme' : scenarioArg(flags.sandbox, cwd) };
  if (config.aws || flags.aws || flags.awsProfile || flags.awsRegion) {
    options.aws = { ...config.aws, ...(flags.awsProfile ? { profile: flags.awsProfile } : {}), ...(flags.awsRegion ? { regions: flags.awsRegion } : {}) };
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
