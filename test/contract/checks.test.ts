import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeholders } from '../../src/core/check.js';
import { BUILTIN_CHECKS_DIR, loadChecks } from '../../src/core/loader.js';

const checks = await loadChecks();
const testFileOf = (id: string) => path.join(BUILTIN_CHECKS_DIR, id.split('.')[0] as string, `${id}.test.ts`);

describe('every built-in check', () => {
  it.each(checks.map((c) => [c.meta.id, c] as const))('%s has a checkTester table beside it', (id) => {
    const file = testFileOf(id);
    expect(existsSync(file), `${file} is missing`).toBe(true);
    // checkTester enforces that every declared message id and placeholder is reached by the table.
    expect(/\bcheckTester\(/.test(readFileSync(file, 'utf8')), `${id}'s table does not use checkTester`).toBe(true);
  });

  it.each(checks.map((c) => [c.meta.id, c] as const))('%s declares only placeholders that read observed values', (_id, check) => {
    // `{reason}` belongs to the core error messages; a check's own message must not reuse it.
    const names = Object.values(check.meta.messages).flatMap((m) => placeholders(m));
    expect(names).not.toContain('reason');
  });
});
