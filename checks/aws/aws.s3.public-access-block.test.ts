import { describe, expect, it } from 'vitest';
import { FactError } from '../../src/core/facts.js';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { bucket, perBucket, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.s3.public-access-block.js';

const ALL = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const ACLS_ONLY = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false };
const POLICY_ONLY = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const denied = (permission: string) => new FactError({ kind: 'denied', message: 'AccessDenied', permission });

const run = (account: () => Promise<unknown>, table: Record<string, unknown>) =>
  runCheck(
    check,
    { s3: { buckets: answers(Object.keys(table).map((n) => bucket(n))), accountPublicAccessBlock: account, publicAccessBlock: perBucket(table) } } as never,
    { target: TARGET },
  );

describe('aws.s3.public-access-block', () => {
  it('an account-level block covers every bucket, even one with no block of its own', async () => {
    const results = await run(answers(ALL), { bare: null, partial: ACLS_ONLY });
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass']);
    expect(results[0].observed).toMatchObject({ source: 'account level', bucketLevel: 'not read' });
  });

  it('combines account and bucket flag by flag', async () => {
    const results = await run(answers(ACLS_ONLY), { combined: POLICY_ONLY, own: ALL, half: ACLS_ONLY, bare: null });
    expect(results.map((r) => [r.resource, r.status])).toEqual([
      ['arn:aws:s3:::combined', 'pass'],
      ['arn:aws:s3:::own', 'pass'],
      ['arn:aws:s3:::half', 'fail'],
      ['arn:aws:s3:::bare', 'fail'],
    ]);
    expect(results[2].observed).toMatchObject({ missing: ['BlockPublicPolicy', 'RestrictPublicBuckets'] });
  });

  it('with no account-level block, a bucket must block everything itself', async () => {
    const results = await run(answers(null), { own: ALL, half: POLICY_ONLY });
    expect(results.map((r) => r.status)).toEqual(['pass', 'fail']);
  });

  it('errors a bucket whose block cannot be read', async () => {
    const [r] = await run(answers(null), { locked: denied('s3:GetBucketPublicAccessBlock') });
    expect(r).toMatchObject({ status: 'error', resource: 'arn:aws:s3:::locked', message: expect.stringContaining('s3:GetBucketPublicAccessBlock') });
  });

  it('without the account-level block, proves buckets that block all themselves and errors the rest', async () => {
    const results = await run(failing({ permission: 's3:GetAccountPublicAccessBlock' }), { own: ALL, half: ACLS_ONLY });
    expect(results.map((r) => r.status)).toEqual(['pass', 'error']);
    expect(results[1].message).toContain('s3:GetAccountPublicAccessBlock');
  });
});
