import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeholders } from '../../src/core/check.js';
import { BUILTIN_CHECKS_DIR, loadChecks } from '../../src/core/loader.js';

/**
 * Checks whose table has not yet moved to checkTester. The list only shrinks:
 * a check in it that has moved fails this test, so that the list stays true.
 */
const NOT_YET_ON_CHECK_TESTER = new Set<string>([
  'aws.iam.access-key-rotation',
  'aws.iam.admin-principals',
  'aws.iam.console-mfa',
  'aws.iam.no-admin-policies',
  'aws.iam.password-policy',
  'aws.iam.role-based-access',
  'aws.iam.root-access-keys',
  'aws.iam.root-mfa',
  'aws.iam.unused-credentials',
  'aws.kms.key-policy-public',
  'aws.kms.key-spec',
  'aws.s3.access-logging',
  'aws.s3.default-encryption',
  'aws.s3.public-access-block',
  'aws.s3.secure-transport',
  'aws.s3.versioning',
  'tls.certificate',
  'tls.cipher-suites',
  'tls.hsts',
  'tls.protocol-versions',
]);

const checks = await loadChecks();
const testFileOf = (id: string) => path.join(BUILTIN_CHECKS_DIR, id.split('.')[0] as string, `${id}.test.ts`);

describe('every built-in check', () => {
  it.each(checks.map((c) => [c.meta.id, c] as const))('%s has a checkTester table beside it', (id) => {
    const file = testFileOf(id);
    expect(existsSync(file), `${file} is missing`).toBe(true);
    const onTester = /\bcheckTester\(/.test(readFileSync(file, 'utf8'));
    expect(onTester, NOT_YET_ON_CHECK_TESTER.has(id) ? `${id} moved to checkTester: take it off the list` : `${id}'s table does not use checkTester`).toBe(
      !NOT_YET_ON_CHECK_TESTER.has(id),
    );
  });

  it.each(checks.map((c) => [c.meta.id, c] as const))('%s declares only placeholders that read observed values', (_id, check) => {
    // `{reason}` belongs to the core error messages; a check's own message must not reuse it.
    const names = Object.values(check.meta.messages).flatMap((m) => placeholders(m));
    expect(names).not.toContain('reason');
  });
});
