import { describe, expect, it } from 'vitest';
import { quotaOf, rateLimiter } from './rate-limits.js';

describe('AWS rate limits', () => {
  const clock = () => {
    let t = 0;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };
  const req = (region: string, path = '/') => ({ region, path });

  it('IAM: one shared bucket per account, whatever the region; refused calls are counted', () => {
    const c = clock();
    const limiter = rateLimiter(undefined, c.now);
    const answers = Array.from({ length: 21 }, (_, i) =>
      limiter.throttled(i % 2 ? 'iam:ListUsers' : 'iam:GetAccountSummary', req(i % 2 ? 'eu-west-1' : 'us-east-1'), '111'),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
    expect(limiter.throttled('iam:ListUsers', req('us-east-1'), '222')).toBe(false);
    c.advance(100); // two tokens at 20 a second
    expect(limiter.throttled('iam:ListUsers', req('us-east-1'), '111')).toBe(false);
    expect(limiter.refused()).toEqual({ 'iam:GetAccountSummary': 1 });
  });

  it('KMS: each operation has its own quota per region', () => {
    const limiter = rateLimiter(undefined, () => 0);
    const listKeys = Array.from({ length: 101 }, () => limiter.throttled('kms:ListKeys', req('us-east-1'), '111'));
    expect(listKeys.filter(Boolean)).toHaveLength(1);
    expect(limiter.throttled('kms:ListKeys', req('eu-west-1'), '111')).toBe(false);
    expect(limiter.throttled('kms:ListAliases', req('us-east-1'), '111')).toBe(false);
    expect(quotaOf('kms:DescribeKey')?.perSecond).toBe(2000);
  });

  it('S3: a quota per bucket; operations without a modelled quota are never refused', () => {
    const limiter = rateLimiter(undefined, () => 0);
    for (let i = 0; i < 5500; i++) limiter.throttled('s3:GetBucketVersioning', req('us-east-1', '/bkt-a'), '111');
    expect(limiter.throttled('s3:GetBucketLogging', req('us-east-1', '/bkt-a'), '111')).toBe(true);
    expect(limiter.throttled('s3:GetBucketLogging', req('us-east-1', '/bkt-b'), '111')).toBe(false);
    expect(limiter.throttled('sts:GetCallerIdentity', req('us-east-1'), '111')).toBe(false);
  });
});
