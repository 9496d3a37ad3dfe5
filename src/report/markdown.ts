import type { GateDecision } from '../core/gate.js';
import type { Run } from '../core/run.js';
import { expiresWithin, type ExceptionRecord } from '../policy/exceptions.js';
import { worstFindings } from './terminal.js';

/** A pull-request comment holds at most 65,536 characters; the run folder's summary.md fits in one. */
export const COMMENT_MAX_BYTES = 65_000;
/** GitHub refuses a step summary over 1 MiB (for the whole step, so appends count together). */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024;

export interface MarkdownOptions {
  gate: GateDecision;
  /** The whole document stays under this many UTF-8 bytes. */
  maxBytes?: number;
  now?: Date;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * The gate verdict, failing controls, the worst findings, exceptions and the
 * Statement of Applicability, for a pull-request comment or a CI step
 * summary. Lists shrink until the document fits `maxBytes`.
 */
export function renderMarkdown(run: Run & { exceptions?: ExceptionRecord[] }, options: MarkdownOptions): string {
  const max = options.maxBytes ?? COMMENT_MAX_BYTES;
  for (const limit of [100, 50, 20, 10, 5, 0]) {
    const text = compose(run, options, limit);
    if (bytes(text) <= max) return text;
  }
  const note = '\n\n_… cut to fit the size limit; see the run folder for everything._\n';
  const text = compose(run, options, 0);
  let cut = Buffer.from(text, 'utf8')
    .subarray(0, Math.max(max - bytes(note), 0))
    .toString('utf8');
  cut = cut.replace(/\ufffd$/, '').slice(0, Math.max(cut.lastIndexOf('\n'), 0));
  return bytes(cut + note) <= max ? cut + note : '';
}

function compose(run: Run & { exceptions?: ExceptionRecord[] }, { gate, now = new Date() }: MarkdownOptions, limit: number): string {
  const out: string[] = [];
  const n = run.counts;
  out.push(
    `## annexa: gate ${gate.passed ? 'passed' : 'FAILED'}`,
    '',
    `**${gate.passed ? 'Passed' : 'Failed'}:** ${gate.reason} (${gate.rule}).`,
    '',
    `Run \`${run.id}\` · ${run.scope.targets.length} targets · ${run.scope.checks.length} checks · ${n.pass} pass · ${n.fail} fail · ${n.error} error · ${n.not_applicable} not applicable`,
  );

  const failing = run.controls.filter((c) => c.status === 'fail' || c.status === 'error');
  if (failing.length) {
    out.push(
      '',
      `### Failing controls (${failing.length})`,
      '',
      '| Control | Status | Fail | Error | Checks |',
      '| --- | --- | ---: | ---: | --- |',
    );
    for (const c of failing.slice(0, Math.max(limit, 10)))
      out.push(`| ${c.id} ${cell(c.title)} | ${c.status} | ${c.counts.fail} | ${c.counts.error} | ${cell(c.checks.join(', '))} |`);
    if (failing.length > Math.max(limit, 10)) out.push('', `_… and ${failing.length - Math.max(limit, 10)} more in controls.json._`);
  }

  const worst = worstFindings(run.results.filter((r) => !r.waiver));
  if (worst.length) {
    out.push('', `### Worst findings (${worst.length})`);
    if (limit) {
      out.push('', '| Severity | Check | Resource | Finding |', '| --- | --- | --- | --- |');
      for (const r of worst.slice(0, limit))
        out.push(`| ${r.status === 'error' ? 'error' : r.severity} | \`${r.checkId}\` | \`${cell(r.resource)}\` | ${cell(r.message)} |`);
    }
    if (worst.length > limit) out.push('', `_${limit ? `… and ${worst.length - limit} more` : 'Listed'} in results.json._`);
  }

  const exceptions = run.exceptions ?? [];
  if (exceptions.length) {
    out.push(
      '',
      `### Exceptions (${exceptions.length})`,
      '',
      '| Check | Resources | Waived | Expires | Approved by | Reason |',
      '| --- | --- | ---: | --- | --- | --- |',
    );
    for (const e of exceptions.slice(0, Math.max(limit, 10))) {
      const state = e.state === 'expired' ? ' **(expired)**' : expiresWithin(e, now) ? ' **(expires soon)**' : '';
      out.push(
        `| \`${e.check}\` | ${cell(e.resources.map((r) => `\`${r}\``).join(', '))} | ${e.waived} | ${e.expires}${state} | ${cell(e.approvedBy)} | ${cell(e.reason)}${e.ticket ? ` (${cell(e.ticket)})` : ''} |`,
      );
    }
  }

  const excluded = run.controls.filter((c) => c.status === 'excluded');
  if (excluded.length) {
    out.push('', `### Excluded by the Statement of Applicability (${excluded.length})`, '');
    for (const c of excluded) out.push(`- **${c.id}** ${c.title}: ${cell(c.exclusion?.justification ?? '')}`);
  }
  return `${out.join('\n')}\n`;
}
