import { countResults, rollUpControls } from '../../src/core/controls.js';
import { loadCatalog } from '../../src/core/mapping.js';
import type { Run } from '../../src/core/run.js';
import type { Result } from '../../src/core/types.js';
import { newRunId } from '../../src/evidence/run-folder.js';

/** Runs of one check (aws.iam.root-mfa → A.8.5) over one account, for tests of the evidence folder. */
export const result = (status: Result['status'], resource: string): Result => ({
  checkId: 'aws.iam.root-mfa',
  resource,
  status,
  severity: 'critical',
  message: `root mfa ${status}`,
  factRefs: ['aws:111122223333/aws.iam.accountSummary'],
  controls: ['A.8.5'],
});

export function sampleRun(at: string, results: Result[] = [result('pass', 'arn:aws:iam::111122223333:root')]): Run {
  const mapping = { 'aws.iam.root-mfa': [{ control: 'A.8.5', rationale: 'r' }] };
  return {
    id: newRunId(new Date(at), 'abc123'),
    startedAt: at,
    finishedAt: at,
    durationMs: 12,
    tool: { name: 'annexa', version: '0.1.0', node: process.version },
    framework: 'ISO/IEC 27001:2022 Annex A',
    scope: {
      targets: [{ provider: 'aws', id: 'aws:111122223333', resource: 'AWS::::Account:111122223333', options: {} }],
      checks: ['aws.iam.root-mfa'],
    },
    identities: [{ provider: 'aws', target: 'aws:111122223333', principal: 'arn:aws:iam::111122223333:user/auditor' }],
    configHash: null,
    counts: countResults(results),
    budget: { aws: { requests: 1, notModified: 0, points: 0 } },
    results,
    controls: rollUpControls(loadCatalog(), mapping, results),
    facts: [
      {
        ref: 'aws:111122223333/aws.iam.accountSummary',
        target: 'aws:111122223333',
        key: 'aws.iam.accountSummary',
        collectedAt: at,
        ok: true,
        value: { AccountMFAEnabled: 1 },
        calls: [
          { operation: 'iam:GetAccountSummary', target: 'aws:111122223333', startedAt: at, durationMs: 3, status: 200, requestId: 'r-1' },
        ],
      },
    ],
  };
}
