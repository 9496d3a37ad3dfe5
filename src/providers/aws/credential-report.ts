import type { AccessKeyReport, CredentialReportUser } from './types.js';

/** The report's way of saying "nothing here": no date, not applicable, never used. */
const NO_VALUE = new Set(['', 'N/A', 'n/a', 'no_information', 'not_supported']);

function value(cell: string | undefined): string | null {
  return cell === undefined || NO_VALUE.has(cell) ? null : cell;
}

function flag(cell: string | undefined): boolean {
  return cell === 'true';
}

/** Splits one CSV line; the report quotes no field today, but a quoted comma must not shift the columns. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}

function accessKey(row: Record<string, string | undefined>, slot: 1 | 2): AccessKeyReport {
  const p = `access_key_${slot}_`;
  return {
    slot,
    active: flag(row[`${p}active`]),
    lastRotated: value(row[`${p}last_rotated`]),
    lastUsedDate: value(row[`${p}last_used_date`]),
    lastUsedService: value(row[`${p}last_used_service`]),
  };
}

const REQUIRED_COLUMNS = ['user', 'arn', 'password_enabled', 'mfa_active', 'access_key_1_active', 'access_key_2_active'];

/** Parses the credential report CSV (columns by header name, not position) into typed rows. */
export function parseCredentialReport(csv: string): CredentialReportUser[] {
  const [first, ...rows] = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (first === undefined) throw new SyntaxError('credential report is empty');
  const header = splitCsvLine(first);
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new SyntaxError(`credential report lacks columns: ${missing.join(', ')}`);
  return rows.map((line, i) => {
    const cells = splitCsvLine(line);
    // A short row would read its missing cells as "no value": never used, no MFA, no key.
    if (cells.length !== header.length)
      throw new SyntaxError(`credential report row ${i + 2} has ${cells.length} cells where the header names ${header.length}`);
    const row: Record<string, string | undefined> = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
    // Required columns, and every row as long as the header: both cells are there.
    const [user = '', arn = ''] = [row.user, row.arn];
    const isRoot = user === '<root_account>';
    return {
      user,
      arn,
      isRoot,
      userCreationTime: value(row.user_creation_time),
      passwordEnabled: row.password_enabled === 'not_supported' ? null : flag(row.password_enabled),
      passwordLastUsed: value(row.password_last_used),
      passwordLastChanged: value(row.password_last_changed),
      mfaActive: flag(row.mfa_active),
      accessKeys: [accessKey(row, 1), accessKey(row, 2)],
    };
  });
}
