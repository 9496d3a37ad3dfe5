import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import type { SandboxHandle } from '../../src/core/provider.js';
import { awsProvider } from '../../src/providers/aws/provider.js';
import type { AwsTargetOptions } from '../../src/providers/aws/types.js';
import { largeAwsScenario } from '../../src/sandbox/aws/large.js';
import { loadScenario } from '../../src/sandbox/scenario.js';
import { runtime, scanSandbox, type SandboxScan } from './harness.js';
import { nth } from '../helpers/nth.js';

/** The source asks for the largest pages the APIs allow (1000), so "more than one page" means more than 1000. */
describe('lists longer than one page', () => {
  let handle: SandboxHandle<AwsTargetOptions>;
  let store: FactStore;
  let facts: ReturnType<typeof awsProvider.facts>;
  beforeAll(async () => {
    handle = await awsProvider.sandbox!(
      { accounts: largeAwsScenario({ users: 1010, policies: 1004, buckets: 1005, keysPerRegion: 1003 }).accounts },
      runtime,
    );
    store = new FactStore(new Pools());
    facts = awsProvider.facts(nth(handle.targets, 0), store, runtime);
  });
  afterAll(() => handle?.stop());
  const callsOf = (key: string) =>
    store
      .snapshot()
      .find((f) => f.key === key)!
      .calls.map((c) => c.operation);

  it('users, groups, roles and policies: GetAccountAuthorizationDetails followed to the last Marker', async () => {
    const d = await facts.iam.authorizationDetails();
    expect(d.users).toHaveLength(1010);
    expect(d.policies).toHaveLength(1004);
    expect(d.policies.every((p) => p.document !== null)).toBe(true);
    // Users, groups, roles and policies count together against MaxItems: more than 2000 entities, three pages.
    expect(callsOf('aws.iam.authorizationDetails')).toEqual(Array(3).fill('iam:GetAccountAuthorizationDetails'));
    const report = await facts.iam.credentialReport();
    expect(report.users.filter((u) => !u.isRoot)).toHaveLength(1010);
  });

  it('buckets: ListBuckets followed to the last continuation token', async () => {
    expect(await facts.s3.buckets()).toHaveLength(1005);
    expect(callsOf('aws.s3.buckets')).toEqual(['s3:ListAllMyBuckets', 's3:ListAllMyBuckets']);
  });

  it('keys: ListKeys followed to the last NextMarker, per region', async () => {
    expect(await facts.kms.keys('us-east-1')).toHaveLength(1003);
    expect(callsOf('aws.kms.keys(us-east-1)')).toEqual(['kms:ListKeys', 'kms:ListKeys']);
  });
});

describe('the aws-large scenario, every check', () => {
  let scan: SandboxScan;
  // A full scan of the large estate with every check: long on a loaded machine, and not timed.
  beforeAll(async () => {
    scan = await scanSandbox(loadScenario('aws-large').aws);
  }, 180_000);
  afterAll(() => scan?.handle.stop());

  it('judges every resource without an error, one fact read once', () => {
    expect(scan.results.filter((r) => r.status === 'error')).toEqual([]);
    const perCheck = (id: string) => scan.of(id).size;
    expect(perCheck('aws.iam.console-mfa')).toBeGreaterThan(50);
    expect(perCheck('aws.s3.versioning')).toBe(120);
    expect(perCheck('aws.kms.key-spec')).toBe(210);
    // The account-level block covers every bucket: no bucket-level block is read.
    expect([...scan.of('aws.s3.public-access-block').values()].every((r) => r.status === 'pass')).toBe(true);
    const stats = scan.handle.stats!() as { byOperation: Record<string, number> };
    expect(stats.byOperation['s3:GetPublicAccessBlock']).toBeUndefined();
    expect(stats.byOperation['iam:GetCredentialReport']).toBe(1);
    expect(stats.byOperation['kms:DescribeKey']).toBe(210);
  });
});
