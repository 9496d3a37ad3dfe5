import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excess, minimumAws } from '../../bench/estate/minimum.js';
import type { AwsScenario } from '../../src/sandbox/aws/scenario.js';
import { generateEstate } from '../../src/sandbox/generate/estate.js';
import { scanSandbox, type SandboxScan } from './harness.js';

/**
 * The benchmark's minimum (bench/estate/minimum.ts) against a real scan: a
 * small generated estate with every service the checks read, every AWS check
 * run through the real SDK clients. Calls beyond the minimum are facts
 * fetched twice or in smaller pages than the APIs allow; calls short of it
 * mean the model counts a read the checks do not need.
 */
describe('a scan of a generated estate makes exactly the minimum calls', () => {
  const estate = generateEstate({
    seed: 3,
    providers: ['aws'],
    sizes: {
      iamUsers: 30,
      iamRoles: 5,
      iamPolicies: 8,
      buckets: 12,
      kmsKeys: 8,
      regions: 2,
      awsPerRegion: {
        vpcs: 3,
        securityGroups: 12,
        // More than one page of SSM nodes and patch summaries (50).
        instances: 70,
        volumes: 72,
        snapshots: 6,
        // More than one page of DescribeLogGroups (50).
        logGroups: 55,
        rdsInstances: 3,
        rdsClusters: 1,
        rdsSnapshots: 5,
        dynamoTables: 4,
      },
      repos: 0,
      members: 0,
      tlsEndpoints: 0,
    },
  });
  let scan: SandboxScan;
  beforeAll(async () => {
    scan = await scanSandbox(estate.aws);
  }, 180_000);
  afterAll(() => scan?.handle.stop());

  it('judges every resource without an error, and calls each operation as often as the minimum says', () => {
    expect(scan.results.filter((r) => r.status === 'error')).toEqual([]);
    const made: Record<string, number> = {};
    for (const f of scan.store.snapshot()) for (const c of f.calls) made[c.operation] = (made[c.operation] ?? 0) + 1;
    // A scan's target resolution asks STS who the caller is; this harness takes the caller from the sandbox.
    const { 'sts:GetCallerIdentity': _identity, ...minimum } = minimumAws(estate.aws as AwsScenario).calls;
    expect(excess(made, minimum)).toEqual({});
  });
});
