import { stringify } from 'csv-stringify/sync';
import { resultsOf, type Assessment } from './run-view.js';

const COLUMNS = [
  'run_id',
  'framework',
  'control',
  'control_title',
  'control_status',
  'check',
  'rationale',
  'resource',
  'status',
  'severity',
  'message',
  'observed',
  'waiver_reason',
  'waiver_expires',
  'waiver_approved_by',
] as const;

/**
 * A spreadsheet opens a cell starting with = + - @ (or a tab or carriage
 * return) as a formula; values come from audited systems, so such a cell is
 * prefixed with an apostrophe and read as text (OWASP, CSV injection).
 */
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * One row per control × check × resource; a control no check covered (manual,
 * excluded) still gets one row, so the sheet lists every control.
 */
export function toCsv(a: Assessment): string {
  const rows: string[][] = [];
  for (const c of a.controls) {
    const head = [a.run.manifest.runId, a.framework.id, c.id, c.title, c.status];
    if (!c.links.length) rows.push([...head, '', c.exclusion?.justification ?? '', '', '', '', '', '', '', '', '']);
    for (const link of c.links) {
      for (const r of resultsOf(a, link.checkId)) {
        rows.push([
          ...head,
          r.checkId,
          link.rationale,
          r.resource,
          r.status,
          r.severity,
          r.message,
          r.observed === undefined ? '' : JSON.stringify(r.observed),
          r.waiver?.reason ?? '',
          r.waiver?.expires ?? '',
          r.waiver?.approvedBy ?? '',
        ]);
      }
    }
  }
  return stringify(
    rows.map((row) => row.map(inert)),
    { header: true, columns: [...COLUMNS], quoted_match: /[\r\n]/ },
  );
}
