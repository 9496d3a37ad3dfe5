import type { KeyObject } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { countResults, rollUpControls } from '../../src/core/controls.js';
import { builtinMappingFiles, loadCatalog, loadMappings } from '../../src/core/mapping.js';
import { budgetOf, type Run } from '../../src/core/run.js';
import type { FactRecord, Result } from '../../src/core/types.js';
import { newRunId, writeRunFolder } from '../../src/evidence/run-folder.js';
import { signRun } from '../../src/evidence/sign.js';
import { nth } from './nth.js';

/**
 * Strings an audited system could hand annexa (a bucket name, a repository
 * description, a certificate subject): each export must carry them as text,
 * never as markup, formula or code.
 */
export const HOSTILE = {
  resource: 'arn:aws:s3:::<img src=x onerror=alert(1)>',
  message: `has "quotes", commas, a newline\nand <script>fetch('http://127.0.0.1:9/leak')</script>`,
  observed: '</pre><iframe src="http://127.0.0.1:9/frame"></iframe>',
  formula: '=HYPERLINK("http://127.0.0.1:9/x","click")',
  waiver: '"><svg onload=alert(2)>',
  justification: '<style>@import url(http://127.0.0.1:9/css);</style>No datacentre of our own',
} as const;

const ACCOUNT = 'aws:111122223333';
const at = '2026-03-01T10:00:00.000Z';

function fact(key: string): FactRecord {
  return {
    ref: `${ACCOUNT}/${key}`,
    target: ACCOUNT,
    key,
    collectedAt: '2026-03-01T10:00:01.000Z',
    ok: true,
    value: {},
    calls: [{ operation: key, target: ACCOUNT, startedAt: at, durationMs: 5, status: 200 }],
  };
}

/**
 * A small run folder written by annexa's own writer, with every kind of
 * verdict, a waiver, an SoA exclusion, manual evidence and hostile strings;
 * `signKey` signs it as `scan --sign-key` does.
 */
export async function writeFixtureRun(out: string, options: { signKey?: KeyObject } = {}): Promise<string> {
  const mapping = loadMappings(builtinMappingFiles());
  const facts = [fact('aws.iam.accountSummary'), fact('aws.s3.buckets')];
  const result = (checkId: string, resource: string, status: Result['status'], message: string, extra: Partial<Result> = {}): Result => ({
    checkId,
    resource,
    status,
    severity: checkId === 'aws.iam.root-mfa' ? 'critical' : 'high',
    message,
    factRefs: [nth(facts, checkId.startsWith('aws.iam') ? 0 : 1).ref],
    controls: (mapping[checkId] ?? []).map((l) => l.control),
    ...extra,
  });
  const results = [
    result('aws.iam.root-mfa', 'arn:aws:iam::111122223333:root', 'pass', 'root user has MFA', { observed: { mfaEnabled: true } }),
    result('aws.s3.public-access-block', HOSTILE.resource, 'fail', HOSTILE.message, {
      observed: { name: HOSTILE.observed, note: HOSTILE.formula },
    }),
    result('aws.s3.default-encryption', HOSTILE.resource, 'fail', 'bucket has no default encryption', {
      waiver: { reason: HOSTILE.waiver, expires: '2026-12-31', approvedBy: 'ciso@example.com', ticket: 'SEC-42' } as Result['waiver'],
    }),
    result('aws.s3.versioning', 'arn:aws:s3:::logs', 'error', 'could not read versioning: AccessDenied (s3:GetBucketVersioning)'),
    result('aws.s3.access-logging', 'arn:aws:s3:::logs', 'not_applicable', 'the bucket is itself a log target'),
  ];
  const controls = rollUpControls(loadCatalog(), mapping, results).map((c) => {
    if (c.id === 'A.7.1') return { ...c, status: 'excluded', exclusion: { justification: HOSTILE.justification } };
    // The config asked for evidence of A.5.1 at most 90 days old; the newest is older.
    if (c.id === 'A.5.1')
      return {
        ...c,
        freshness: {
          maxAgeDays: 90,
          newestPass: { runId: '20251101T100000Z-0a0b0c', at: '2025-11-01T10:00:00.000Z' },
          ageDays: 120,
          stale: true,
        },
      };
    if (c.id === 'A.6.3')
      return {
        ...c,
        manualEvidence: [
          { path: 'manual/training-2026.csv', sha256: 'a'.repeat(64), bytes: 1234, description: 'Awareness training completions' },
        ],
      };
    return c;
  }) as Run['controls'];
  const run: Run = {
    id: newRunId(new Date(at), 'f1a7e0'),
    startedAt: at,
    finishedAt: '2026-03-01T10:00:02.000Z',
    durationMs: 2000,
    tool: { name: 'annexa', version: '0.1.0', node: 'v22.0.0' },
    framework: 'ISO/IEC 27001:2022 Annex A',
    scope: {
      targets: [{ provider: 'aws', id: ACCOUNT, resource: 'arn:aws:::111122223333', options: {} }],
      checks: [...new Set(results.map((r) => r.checkId))],
    },
    identities: [{ provider: 'aws', target: ACCOUNT, principal: 'arn:aws:iam::111122223333:user/auditor' }],
    configHash: null,
    counts: countResults(results),
    budget: budgetOf(facts),
    results,
    controls,
    facts,
  };
  await mkdir(out, { recursive: true });
  const { signKey } = options;
  const { dir } = await writeRunFolder(out, run, signKey ? { sign: (unsigned) => signRun(signKey, unsigned) } : {});
  return dir;
}
