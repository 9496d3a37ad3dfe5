import path from 'node:path';
import { createColors } from 'picocolors';
import { controlCounts, type ControlRollup, type ControlStatus } from '../core/controls.js';
import type { GateDecision } from '../core/gate.js';
import type { Run } from '../core/run.js';
import { SEVERITIES, type Result } from '../core/types.js';
import { EXPIRY_WARNING_DAYS, expiresWithin } from '../policy/exceptions.js';

export interface SummaryOptions {
  colour: boolean;
  /** Evidence folder written, if any. */
  dir?: string;
  gate: GateDecision;
  /** The demo does not apply the gate; it says how the gate would have decided. */
  demo?: boolean;
  /** How many failing findings to list. */
  worst?: number;
  cwd?: string;
  /** Another catalogue than Annex A 2022: its name and what its groups are called (run.controls hold its controls). */
  framework?: { name: string; group: string };
  /** One line on the drift since the previous run. */
  drift?: string;
  /** Today, for the exceptions that expire soon. */
  now?: Date;
}

const THEMES = ['organizational', 'people', 'physical', 'technological'] as const;
const COLUMNS: ControlStatus[] = ['pass', 'fail', 'error', 'not_applicable', 'manual', 'excluded'];
const HEAD: Record<ControlStatus, string> = {
  pass: 'pass',
  fail: 'fail',
  error: 'error',
  not_applicable: 'n/a',
  manual: 'manual',
  excluded: 'excluded',
};

/** The summary a person reads at a glance after a scan. */
export function renderSummary(run: Run, options: SummaryOptions): string {
  const c = createColors(options.colour);
  const paint: Record<ControlStatus, (s: string) => string> = {
    pass: c.green,
    fail: c.red,
    error: c.yellow,
    not_applicable: c.dim,
    manual: c.dim,
    excluded: c.dim,
  };
  const lines: string[] = [];
  const targets = run.scope.targets.length;
  lines.push(
    c.bold(`annexa ${run.tool.version}`) +
      c.dim(
        ` · run ${run.id}${run.scope.replayOf ? ` · replay of ${run.scope.replayOf.runId}` : ''}${run.scope.sandbox ? ` · sandbox ${run.scope.sandbox}` : ''} · ${targets} target${targets === 1 ? '' : 's'} · ${run.scope.checks.length} checks · ${(run.durationMs / 1000).toFixed(1)}s`,
      ),
    '',
  );

  const row = (label: string, counts: Record<ControlStatus, number>) =>
    label.padEnd(22) + COLUMNS.map((s) => (counts[s] ? paint[s] : c.dim)(String(counts[s]).padStart(9))).join('');
  const header = ''.padEnd(22) + COLUMNS.map((s) => HEAD[s].padStart(9)).join('');
  const groups: readonly string[] = options.framework ? [...new Set(run.controls.map((x) => x.theme))] : THEMES;
  lines.push(
    c.bold(options.framework ? `${options.framework.name} by ${options.framework.group}` : 'Annex A controls by theme'),
    c.dim(header),
  );
  for (const theme of groups)
    lines.push(
      row((theme.charAt(0).toUpperCase() + theme.slice(1)).slice(0, 21), controlCounts(run.controls.filter((x) => x.theme === theme))),
    );
  lines.push(c.bold(row(`All ${run.controls.length} controls`, controlCounts(run.controls))), '');

  const assessed = run.controls.filter((x) => x.status !== 'manual' && x.status !== 'excluded');
  if (assessed.length) {
    // Header and rows share one column width, so that counts sit under their heading whatever the status.
    lines.push(
      c.bold('Controls with automated evidence'),
      c.dim(''.padEnd(6) + ['pass', 'fail', 'error', 'n/a'].map(fmt).join('') + '  control'),
    );
    for (const x of sortControls(assessed)) {
      const n = x.counts;
      lines.push(
        `${paint[x.status](LABEL[x.status].padEnd(6))}${[n.pass, n.fail, n.error, n.not_applicable].map(fmt).join('')}  ${x.id} ${c.dim(x.title)}`,
      );
    }
    lines.push('');
  }

  const excluded = run.controls.filter((x) => x.status === 'excluded');
  if (excluded.length) {
    lines.push(c.bold('Excluded by the Statement of Applicability'));
    for (const x of excluded) lines.push(`  ${x.id} ${c.dim(x.title)}: ${x.exclusion?.justification ?? ''}`);
    lines.push('');
  }

  const stale = run.controls.filter((x) => x.freshness?.stale);
  if (stale.length) {
    lines.push(c.bold('Stale evidence (older than the configured maximum age)'));
    for (const x of stale) {
      const f = x.freshness!;
      const newest = f.newestPass
        ? `newest passing evidence ${f.ageDays} days old (run ${f.newestPass.runId})`
        : 'no passing evidence in this output folder';
      lines.push(`  ${c.yellow('STALE')}  ${x.id} ${c.dim(x.title)}: ${newest}; maximum ${f.maxAgeDays} days`);
    }
    lines.push('');
  }

  const worst = worstFindings(run.results.filter((r) => !r.waiver));
  if (worst.length) {
    const shown = worst.slice(0, options.worst ?? 10);
    lines.push(c.bold('Worst findings'));
    for (const r of shown) {
      const label = r.status === 'error' ? c.yellow('ERROR'.padEnd(9)) : c.red(r.severity.toUpperCase().padEnd(9));
      lines.push(`  ${label}${r.checkId.padEnd(38)} ${r.resource}`, `  ${''.padEnd(9)}${c.dim(r.message)}`);
    }
    if (worst.length > shown.length) lines.push(c.dim(`  … and ${worst.length - shown.length} more in results.json`));
    lines.push('');
  }

  const n = run.counts;
  lines.push(
    `Results   ${c.green(`${n.pass} pass`)} · ${c.red(`${n.fail} fail`)} · ${c.yellow(`${n.error} error`)} · ${n.not_applicable} not applicable`,
  );
  lines.push(...exceptionLines(run, c, options.now ?? new Date()));
  const budget = Object.entries(run.budget)
    .map(
      ([p, b]) =>
        `${p} ${b.requests} calls${b.notModified ? ` (${b.notModified} × 304)` : ''}${b.points ? `, ${b.points} GraphQL points` : ''}`,
    )
    .join(' · ');
  if (budget) lines.push(`API       ${budget}`);
  if (options.drift) lines.push(options.drift);
  if (options.dir) lines.push(`Evidence  ${path.relative(options.cwd ?? process.cwd(), options.dir) || '.'}${path.sep}`);
  const { gate } = options;
  if (options.demo) {
    lines.push(
      `Demo: the gate is not applied here; \`annexa scan\` would have ${gate.passed ? 'passed' : 'failed'}: ${gate.reason} (${gate.rule}).`,
    );
  } else {
    lines.push((gate.passed ? c.green : c.red)(`Gate ${gate.passed ? 'passed' : 'FAILED'}: ${gate.reason} (${gate.rule})`));
  }
  return `${lines.join('\n')}\n`;
}

/** Row labels of the controls list fit its six-character column. */
const LABEL: Record<ControlStatus, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  error: 'ERROR',
  not_applicable: 'N/A',
  manual: 'MANUAL',
  excluded: 'EXCL',
};

/** Exceptions in force and what they waived; a warning for each that ends within 30 days or has ended. */
function exceptionLines(run: Run, c: ReturnType<typeof createColors>, now: Date): string[] {
  const records = run.exceptions ?? [];
  if (!records.length) return [];
  const waived = records.reduce((n, e) => n + e.waived, 0);
  const active = records.filter((e) => e.state === 'active').length;
  const lines = [
    `Waived    ${waived} fail${waived === 1 ? '' : 's'} by ${active} exception${active === 1 ? '' : 's'} in force (accepted risk, listed in results.json)`,
  ];
  for (const e of records) {
    if (e.state === 'expired')
      lines.push(
        c.yellow(`Warning   the exception for ${e.check} (${e.resources.join(', ')}) expired on ${e.expires} and no longer applies`),
      );
    else if (expiresWithin(e, now))
      lines.push(
        c.yellow(
          `Warning   the exception for ${e.check} (${e.resources.join(', ')}) expires on ${e.expires}, within ${EXPIRY_WARNING_DAYS} days`,
        ),
      );
  }
  return lines;
}

const fmt = (v: number | string) => String(v).padStart(6);
const STATUS_ORDER: ControlStatus[] = ['fail', 'error', 'pass', 'not_applicable', 'manual', 'excluded'];

function sortControls(controls: ControlRollup[]): ControlRollup[] {
  // A.5.10 after A.5.9: the clause and control numbers compared as numbers.
  const num = (id: string) => {
    const [, clause = 0, control = 0] = id.split('.').map(Number);
    return [clause, control] as const;
  };
  return [...controls].sort(
    (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || num(a.id)[0] - num(b.id)[0] || num(a.id)[1] - num(b.id)[1],
  );
}

/** Fails by severity, then errors; the order a reader should act in. */
export function worstFindings(results: Result[]): Result[] {
  const rank = (r: Result) => (r.status === 'fail' ? SEVERITIES.indexOf(r.severity) : SEVERITIES.length);
  return results
    .filter((r) => r.status === 'fail' || r.status === 'error')
    .sort((a, b) => rank(a) - rank(b) || a.checkId.localeCompare(b.checkId) || a.resource.localeCompare(b.resource));
}
