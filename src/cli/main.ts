import { Command, CommanderError, Option } from 'commander';
import { EXIT, ExitError, UsageError } from '../core/errors.js';
import { FRAMEWORK_IDS } from '../core/frameworks.js';
import { SEVERITIES } from '../core/types.js';
import { VERSION } from '../package-info.js';
import type { CatalogFlags } from './commands/catalog.js';
import type { ExportFlags } from './commands/export.js';
import type { HistoryFlags } from './commands/history.js';
import type { MergeFlags } from './commands/merge.js';
import type { ScanFlags } from './commands/scan.js';
import type { VerifyFlags } from './commands/verify.js';
import { processIO, type CliIO } from './io.js';
import { LOG_LEVELS } from './logger.js';

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
];

/** Commands are declared here; each command's code lives in commands/<name>.ts and is loaded on use. */
function program(io: CliIO): Command {
  const cli = new Command('annexa')
    .description('Continuous technical-control scanner for ISO/IEC 27001:2022 Annex A')
    .version(VERSION, '-V, --version')
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // One line per error, so that a CI log or a cron mail shows it whole.
      outputError: (s, write) => write(`annexa: ${s.trim().replace(/\s*\n\s*/g, ' ')}\n`),
    })
    .exitOverride();

  cli
    .command('scan')
    .description('Scan targets, map results to Annex A controls and write an evidence run folder')
    .option('--sandbox [scenario]', 'scan the built-in sandbox (scenario name or YAML path; default acme)')
    .option('--aws', 'scan the AWS account of the default credential chain')
    .option('--aws-profile <name>', 'scan AWS with this shared-config profile')
    .option('--aws-region <region>', 'AWS region to scan (repeatable; default: every enabled region)', collect)
    .option('--github-org <org>', 'GitHub organisation to scan (repeatable)', collect)
    .option('--github-api-url <url>', 'GitHub API base URL (default $GITHUB_API_URL or https://api.github.com)')
    .option('--tls <host:port>', 'TLS endpoint to scan, or a STARTTLS URL such as smtp://host (repeatable)', collect)
    .option('-c, --config <file>', 'configuration file (default ./annexa.config.yaml when present)')
    .option('-o, --out <dir>', 'output folder for evidence run folders (default ./evidence)')
    .option('--checks <ids>', 'check ids or globs to run, comma-separated or repeated', collect)
    .option('--skip-checks <ids>', 'check ids or globs to skip', collect)
    .option('--checks-dir <dir>', 'folder of your own checks (repeatable)', collect)
    .option('--mapping <file>', 'mapping file for your own checks (repeatable)', collect)
    .option('--concurrency <n>', 'check × target tasks run at once (default 16)', count('--concurrency', MAX_CONCURRENCY))
    .addOption(
      new Option('--fail-on <severity>', 'lowest severity of a fail that fails the gate (default: any fail or error)').choices([
        ...SEVERITIES.filter((s) => s !== 'info'),
        'none',
      ]),
    )
    .option('--allow-errors', 'do not fail the gate on error results (they are still reported)')
    .option(
      '--replay <run-dir>',
      "judge today's checks over the snapshot of an earlier run folder (no API is called; writes a run folder only with --out)",
    )
    .option('--sign-key <file>', 'Ed25519 private key (annexa keygen) to sign the run folder with (default $ANNEXA_SIGN_KEY)')
    .option('--json', 'print the run summary and results as JSON on stdout, and nothing else')
    .option('-q, --quiet', 'print nothing on success but the evidence path')
    .addOption(new Option('--log-level <level>', 'log level of the JSON logs on stderr').choices([...LOG_LEVELS]))
    .addOption(frameworkOption())
    .addOption(new Option('--demo', 'report how the gate would decide without applying it').hideHelp())
    .option(
      '--format <formats>',
      'reports to write into the run folder: sarif, junit, markdown, json (comma-separated or repeated)',
      collect,
    )
    .option(
      '--output-file <path>',
      'also write a report here (with several formats, .sarif/.xml/.md/.json says which; repeatable)',
      collect,
    )
    .option('--sarif-anchor <file>', 'repository file that SARIF results point at (default: the config file)')
    .option(
      '--max-duration <duration>',
      'bound on the whole scan, e.g. 900s, 15m, 1h: unfinished checks end as error',
      duration('--max-duration'),
    )
    .option(
      '--lock-wait <duration>',
      'wait this long for another scan of the same --out to finish (default: exit 2 at once)',
      duration('--lock-wait'),
    )
    .option('--keep <n>', 'keep the newest N complete run folders in --out, prune older ones', count('--keep'))
    .option('--keep-days <days>', 'keep run folders of the last D days in --out, prune older ones', count('--keep-days'))
    .option('--notify-webhook <url>', 'POST a JSON drift summary (with a Slack-compatible text) here when a control regresses', webhookUrl)
    .option(
      '--shard <I/N>',
      'scan only shard I (from 0) of N of the targets; /N or N takes I from $JOB_COMPLETION_INDEX (docs/scale-out.md)',
    )
    .action(async (opts: ScanFlags) => (await import('./commands/scan.js')).scanCommand(opts, io));

  cli
    .command('verify')
    .description(
      "Verify a run folder: every sha256, the chain of runs, the signature, and every result re-evaluated from the run's own snapshot",
    )
    .argument('<run-dir>', 'the run folder, e.g. evidence/20260301T100000Z-abc123')
    .option('--public-key <file>', "Ed25519 public key the run's signature must verify with")
    .option('--checks-dir <dir>', 'folder of the plugin checks the run used (repeatable)', collect)
    .option('--json', 'print the verification report as JSON')
    .action(async (runDir: string, opts: VerifyFlags) => (await import('./commands/verify.js')).verifyCommand(runDir, opts, io));

  cli
    .command('merge')
    .description('Combine the run folders of `scan --shard I/N` (every shard once) into one run folder')
    .argument('<shard-dirs...>', 'the shard run folders')
    .requiredOption('-o, --out <dir>', 'output folder of the merged run folder')
    .option('--log-level <level>', 'log level on stderr')
    .action(async (dirs: string[], opts: MergeFlags) => (await import('./commands/merge.js')).mergeCommand(dirs, opts, io));

  cli
    .command('keygen')
    .description('Write an Ed25519 key pair to sign run folders with: PREFIX.key (mode 0600) and PREFIX.pub')
    .option('--out <prefix>', 'path and name of the two files, without extension (default annexa-signing)')
    .action(async (opts: { out?: string }) => (await import('./commands/keygen.js')).keygenCommand(opts, io));

  const outOption = () => new Option('-o, --out <dir>', 'output folder of the run folders (default ./evidence, or out: in the config)');
  cli
    .command('diff')
    .description(
      'What changed between two runs: newly failing, fixed, newly erroring, resources that appeared or disappeared (default: the last two runs)',
    )
    .argument('[runA]', 'older run id or folder')
    .argument('[runB]', 'newer run id or folder')
    .addOption(outOption())
    .option('-c, --config <file>', 'configuration file (for out:)')
    .option('--json', 'as JSON')
    .action(async (runA: string | undefined, runB: string | undefined, opts: HistoryFlags) =>
      (await import('./commands/history.js')).diffCommand(runA, runB, opts, io),
    );
  cli
    .command('history')
    .description('List the runs in --out with their gate verdicts and counts')
    .addOption(outOption())
    .option('-c, --config <file>', 'configuration file (for out:)')
    .option('--json', 'as JSON')
    .action(async (opts: HistoryFlags) => (await import('./commands/history.js')).historyCommand(opts, io));

  const catalog = (name: 'checks' | 'controls', description: string) =>
    cli
      .command(name)
      .description(description)
      .option('--json', 'as JSON')
      .option('-c, --config <file>', 'configuration file whose plugins: are included (default ./annexa.config.yaml when present)')
      .option('--checks-dir <dir>', 'include your own checks from this folder (repeatable)', collect)
      .option('--mapping <file>', 'mapping file for your own checks (repeatable)', collect)
      .addOption(frameworkOption())
      .action(async (opts: CatalogFlags) => {
        const commands = await import('./commands/catalog.js');
        await (name === 'checks' ? commands.checksCommand : commands.controlsCommand)(opts, io);
      });
  catalog('checks', 'List the checks with their severity and the Annex A controls they evidence');
  catalog('controls', 'List the 93 Annex A controls with the checks that cover each, and which are manual only');

  cli
    .command('export')
    .description('Export a run folder: OSCAL assessment-results, an HTML report, an evidence bundle, CSV or OCSF findings')
    .argument('<run-dir>', 'the run folder to export (evidence/<runId>)')
    .addOption(new Option('--format <format>', 'what to export').choices(['oscal', 'html', 'bundle', 'csv', 'ocsf']).makeOptionMandatory())
    .option('-o, --output <file>', 'file to write (default: stdout; for a bundle ./annexa-<runId>.tar.gz)')
    .addOption(frameworkOption())
    .option('--public-key <file>', "public key the run's signature is verified with for the report, and put in a bundle")
    .option('--checks-dir <dir>', 'folder of the plugin checks the run used, so the report can re-evaluate them (repeatable)', collect)
    .action(async (runDir: string, opts: ExportFlags) => (await import('./commands/export.js')).exportCommand(runDir, opts, io));

  return cli;
}

function frameworkOption(): Option {
  return new Option('--framework <id>', 'catalogue to read the results against (default iso27001-2022)').choices([...FRAMEWORK_IDS]);
}
/** The bound of `concurrency` in schemas/config.schema.json: the flag keeps the same one. */
export const MAX_CONCURRENCY = 256;

/** `90`, `90s`, `15m`, `2h` → milliseconds (a bare number is seconds). */
function duration(flag: string) {
  return (value: string): number => {
    const m = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/.exec(value.trim());
    const ms = m ? Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 's' | 'm' | 'h'] : NaN;
    if (!(ms > 0)) throw new UsageError(`${flag} expects a duration such as 90s, 15m or 2h, got "${value}"`);
    return ms;
  };
}

function count(flag: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new UsageError(
        `${flag} expects a positive whole number${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got "${value}"`,
      );
    return n;
  };
}

function webhookUrl(value: string): string {
  const ok = URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
  if (!ok) throw new UsageError('--notify-webhook expects an http(s) URL');
  return value;
}

/** Runs the CLI and returns its exit code; never calls process.exit, so it can run in-process in tests. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const debug = argv.some(
    (a, i) => (a === '--log-level' && ['debug', 'trace'].includes(argv[i + 1] ?? '')) || /^--log-level=(debug|trace)$/.test(a),
  );
  try {
    await program(io).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    // Commander already printed its message: help or the version (0), or a one-line error, or the
    // help on stderr when no command was named (2).
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof ExitError) {
      if (err.message) io.stderr.write(`annexa: ${err.message}\n`);
      if (debug && err.message) io.stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    io.stderr.write(`annexa: ${(err as Error).message ?? String(err)}\n`);
    if (debug) io.stderr.write(`${(err as Error).stack}\n`);
    else io.stderr.write('annexa: (run with --log-level debug for details)\n');
    return EXIT.usage;
  }
}
