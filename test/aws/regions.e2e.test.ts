import { GetBucketVersioningCommand, type GetBucketVersioningCommandOutput } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import type { CallRecord } from '../../src/core/types.js';
import { awsProvider } from '../../src/providers/aws/provider.js';
import { clientsFor } from '../../src/providers/aws/clients.js';
import { inRegion } from '../../src/providers/aws/s3-facts.js';
import type { AwsTargetOptions } from '../../src/providers/aws/types.js';
import { runtime, scanSandbox, type SandboxScan } from './harness.js';
import { nth } from '../helpers/nth.js';

const ACCOUNT = '111122223333';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const ALL_BLOCKED = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

const scenario = (over: object = {}) => ({
  accounts: [
    {
      id: ACCOUNT,
      regions: REGIONS,
      root: { mfa: 'virtual' },
      buckets: REGIONS.map((region, i) => ({ name: `multi-${region}`, region, versioning: i === 1 ? 'Enabled' : 'Suspended' })),
      kmsKeys: REGIONS.map((region, i) => ({ region, description: `key in ${region}`, rotation: i !== 2 })),
      ...over,
    },
  ],
});

const scans: SandboxScan[] = [];
afterAll(() => Promise.all(scans.map((s) => s.handle.stop())));
const scan = async (...args: Parameters<typeof scanSandbox>) => {
  const s = await scanSandbox(...args);
  scans.push(s);
  return s;
};

describe('every enabled region, each bucket through its own region', () => {
  let s: SandboxScan;
  beforeAll(async () => {
    s = await scan(scenario(), { only: ['aws.kms.key-rotation', 'aws.s3.versioning'] });
  });

  it('finds the regions with DescribeRegions and judges the keys of each', () => {
    const regions = s.store.snapshot().find((f) => f.key === 'aws.regions')!;
    expect(regions.value).toEqual([...REGIONS].sort());
    expect(regions.calls.map((c) => c.operation)).toEqual(['ec2:DescribeRegions']);
    const judged = [...s.of('aws.kms.key-rotation').values()].map((r) => [r.resource.split(':')[3], r.status]).sort();
    expect(judged).toEqual([
      ['ap-southeast-2', 'fail'],
      ['eu-west-1', 'pass'],
      ['us-east-1', 'pass'],
    ]);
  });

  it('reads every bucket in its region with one call (no redirect needed)', () => {
    expect([...s.of('aws.s3.versioning').values()].map((r) => [r.resource, r.status])).toEqual([
      ['arn:aws:s3:::multi-ap-southeast-2', 'fail'],
      ['arn:aws:s3:::multi-eu-west-1', 'pass'],
      ['arn:aws:s3:::multi-us-east-1', 'fail'],
    ]);
    for (const f of s.store.snapshot().filter((x) => x.key.startsWith('aws.s3.versioning(')))
      expect(f.calls.map((c) => c.status)).toEqual([200]);
  });

  it('follows a 301 PermanentRedirect to the region it names', async () => {
    const options: AwsTargetOptions = { ...nth(s.handle.targets, 0).options };
    const clients = clientsFor(options, { env: {}, callTimeoutMs: 5000 });
    const calls: CallRecord[] = [];
    const rec = {
      call: async <T>(o: { operation: string }, fn: (signal: AbortSignal) => Promise<T>) => {
        const record: CallRecord = { operation: o.operation, target: 'x', startedAt: '', durationMs: 0 };
        calls.push(record);
        try {
          return await fn(new AbortController().signal);
        } catch (err) {
          record.status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
          throw err;
        }
      },
    };
    const answer = await inRegion<GetBucketVersioningCommand, GetBucketVersioningCommandOutput>(
      rec,
      clients,
      'multi-eu-west-1',
      'us-east-1',
      new GetBucketVersioningCommand({ Bucket: 'multi-eu-west-1' }),
    );
    expect(answer.Status).toBe('Enabled');
    expect(calls.map((c) => [c.operation, c.status])).toEqual([
      ['s3:GetBucketVersioning', 301],
      ['s3:GetBucketVersioning', undefined],
    ]);
  });

  it('scans only the configured regions, without DescribeRegions', async () => {
    const target = nth(s.handle.targets, 0);
    const facts = awsProvider.facts(
      { ...target, options: { ...target.options, regions: ['eu-west-1'] } },
      new FactStore(new Pools()),
      runtime,
    );
    expect(await facts.regions()).toEqual(['eu-west-1']);
    expect(await facts.kms.keys('eu-west-1')).toHaveLength(1);
  });
});

describe('AccessDenied names the action, for that resource only', () => {
  it('a denied GetBucketEncryption on one bucket is an error naming s3:GetEncryptionConfiguration; the others are judged', async () => {
    const s = await scan(scenario({ deny: [{ action: 's3:GetEncryptionConfiguration', resource: 'arn:aws:s3:::multi-eu-west-1' }] }), {
      only: ['aws.s3.default-encryption'],
    });
    const results = s.of('aws.s3.default-encryption');
    const denied = results.get('arn:aws:s3:::multi-eu-west-1')!;
    expect(denied.status).toBe('error');
    expect(denied.message).toContain('s3:GetEncryptionConfiguration');
    expect(denied.observed?.reason).toMatchObject({
      kind: 'denied',
      permission: 's3:GetEncryptionConfiguration',
      status: 403,
      code: 'AccessDenied',
    });
    expect(results.get('arn:aws:s3:::multi-us-east-1')?.status).toBe('pass');
    const fact = s.store.snapshot().find((f) => f.key === 'aws.s3.bucketEncryption(multi-eu-west-1)')!;
    expect(fact.calls[0]).toMatchObject({ operation: 's3:GetEncryptionConfiguration', status: 403, requestId: expect.any(String) });
  });

  it('a denied kms:ListKeys in every region errors each region, never passes', async () => {
    const s = await scan(scenario({ deny: ['kms:ListKeys'] }), { only: ['aws.kms.key-spec'] });
    const results = [...s.of('aws.kms.key-spec').values()];
    expect(results.map((r) => r.status)).toEqual(['error', 'error', 'error']);
    expect(results.every((r) => r.message.includes('kms:ListKeys'))).toBe(true);
  });
});

describe('the account-level public access block', () => {
  it('covers buckets that have no block of their own, without reading theirs', async () => {
    const s = await scan(scenario({ publicAccessBlock: ALL_BLOCKED }), { only: ['aws.s3.public-access-block'] });
    expect([...s.of('aws.s3.public-access-block').values()].map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    const stats = s.handle.stats!() as { byOperation: Record<string, number> };
    expect(stats.byOperation['s3control:GetPublicAccessBlock']).toBe(1);
    expect(stats.byOperation['s3:GetPublicAccessBlock']).toBeUndefined();
  });

  it('without it, the same buckets fail', async () => {
    const s = await scan(scenario(), { only: ['aws.s3.public-access-block'] });
    expect([...s.of('aws.s3.public-access-block').values()].map((r) => r.status)).toEqual(['fail', 'fail', 'fail']);
    const account = s.store.snapshot().find((f) => f.key === 'aws.s3.accountPublicAccessBlock')!;
    expect(account).toMatchObject({ ok: true, value: null });
  });
});
