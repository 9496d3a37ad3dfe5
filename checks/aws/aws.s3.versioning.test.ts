import { describe, expect, it } from 'vitest';
import { FactError } from '../../src/core/facts.js';
import { answers, runCheck } from '../../src/testing/run-check.js';
import { bucket, perBucket, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.s3.versioning.js';

describe('aws.s3.versioning', () => {
  it('passes Enabled, fails Suspended and never enabled, errors the unreadable', async () => {
    const table = {
      on: { status: 'Enabled', mfaDelete: 'Disabled' },
      paused: { status: 'Suspended', mfaDelete: null },
      never: { status: null, mfaDelete: null },
      locked: new FactError({ kind: 'denied', message: 'AccessDenied', permission: 's3:GetBucketVersioning' }),
    };
    const results = await runCheck(check, { s3: { buckets: answers(Object.keys(table).map((n) => bucket(n))), versioning: perBucket(table) } } as never, { target: TARGET });
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'fail', 'error']);
    expect(results[2].message).toBe('never versioning is never enabled');
    expect(results[3].message).toContain('s3:GetBucketVersioning');
  });
});
