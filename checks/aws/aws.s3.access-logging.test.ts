import { describe, expect, it } from 'vitest';
import { FactError } from '../../src/core/facts.js';
import { answers, runCheck } from '../../src/testing/run-check.js';
import { bucket, perBucket, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.s3.access-logging.js';

describe('aws.s3.access-logging', () => {
  it('passes logged buckets, fails the others, errors the unreadable', async () => {
    const table = {
      logged: { enabled: true, targetBucket: 'acme-logs', targetPrefix: 's3/logged/' },
      silent: { enabled: false, targetBucket: null, targetPrefix: null },
      locked: new FactError({ kind: 'denied', message: 'AccessDenied', permission: 's3:GetBucketLogging' }),
    };
    const results = await runCheck(check, { s3: { buckets: answers(Object.keys(table).map((n) => bucket(n))), logging: perBucket(table) } } as never, { target: TARGET });
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'error']);
    expect(results[0]).toMatchObject({ message: 'logged logs access to acme-logs', observed: { targetPrefix: 's3/logged/' } });
    expect(results[2].message).toContain('s3:GetBucketLogging');
  });

  it('is not applicable without buckets', async () => {
    expect((await runCheck(check, { s3: { buckets: answers([]) } }, { target: TARGET }))[0].status).toBe('not_applicable');
  });
});
