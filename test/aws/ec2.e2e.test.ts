import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import type { SandboxHandle } from '../../src/core/provider.js';
import { awsProvider } from '../../src/providers/aws/provider.js';
import type { AwsTargetOptions } from '../../src/providers/aws/types.js';
import type { AwsScenario } from '../../src/sandbox/aws/index.js';
import { runtime, scanSandbox } from './harness.js';

const ACCOUNT = '123456789012';
const EC2_CHECKS = [
  'aws.ec2.security-group-ingress',
  'aws.ec2.default-security-group',
  'aws.ec2.imdsv2',
  'aws.ebs.encryption-by-default',
  'aws.ebs.volume-encryption',
  'aws.ebs.snapshot-public',
  'aws.vpc.flow-logs',
];
const small = (over: Partial<AwsScenario['accounts'][number]> = {}): AwsScenario => ({
  accounts: [
    {
      id: ACCOUNT,
      regions: ['eu-west-1'],
      vpcs: [{ id: 'vpc-0a1b2c3d4e5f60001', region: 'eu-west-1' }],
      instances: [{ region: 'eu-west-1', httpTokens: 'required' }],
      volumes: [{ region: 'eu-west-1', encrypted: true }],
      snapshots: [{ region: 'eu-west-1' }],
      ...over,
    },
  ],
});

describe('EC2-family checks through the real SDK', () => {
  it('a denied EC2 call makes the results that need it errors naming the action', async () => {
    const scan = await scanSandbox(
      {
        ...small(),
        deny: ['ec2:DescribeSnapshots', 'ec2:DescribeFlowLogs', 'ec2:GetEbsEncryptionByDefault', 'ec2:DescribeSecurityGroupRules'],
      },
      { only: EC2_CHECKS },
    );
    try {
      const errors = scan.results
        .filter((r) => r.status === 'error')
        .map((r) => [r.checkId, (r.observed?.reason as { permission?: string }).permission]);
      expect(errors.sort()).toEqual([
        ['aws.ebs.encryption-by-default', 'ec2:GetEbsEncryptionByDefault'],
        ['aws.ebs.snapshot-public', 'ec2:DescribeSnapshots'],
        ['aws.ec2.default-security-group', 'ec2:DescribeSecurityGroupRules'],
        ['aws.ec2.security-group-ingress', 'ec2:DescribeSecurityGroupRules'],
        ['aws.vpc.flow-logs', 'ec2:DescribeFlowLogs'],
      ]);
      expect(scan.of('aws.ec2.imdsv2').size).toBe(1);
      expect([...scan.of('aws.ebs.volume-encryption').values()].map((r) => r.status)).toEqual(['pass']);
    } finally {
      await scan.handle.stop();
    }
  });

  it('a region without VPCs or instances gives the documented not-applicable verdicts', async () => {
    const scan = await scanSandbox(small({ vpcs: [], instances: [], volumes: [], snapshots: [] }), { only: EC2_CHECKS });
    try {
      const byCheck = Object.fromEntries(scan.results.map((r) => [r.checkId, `${r.status} ${r.messageId}`]));
      expect(byCheck).toEqual({
        'aws.ec2.security-group-ingress': 'not_applicable noGroups',
        'aws.ec2.default-security-group': 'not_applicable noDefaultGroups',
        'aws.ec2.imdsv2': 'not_applicable noInstances',
        'aws.ebs.encryption-by-default': 'fail off',
        'aws.ebs.volume-encryption': 'not_applicable noVolumes',
        'aws.ebs.snapshot-public': 'not_applicable noSnapshots',
        'aws.vpc.flow-logs': 'not_applicable noVpcs',
      });
    } finally {
      await scan.handle.stop();
    }
  });
});

describe('EC2 lists longer than one page', () => {
  let handle: SandboxHandle<AwsTargetOptions>;
  let store: FactStore;
  beforeAll(async () => {
    const volumes = Array.from({ length: 1003 }, (_, i) => ({ region: 'eu-west-1', encrypted: i % 2 === 0 }));
    handle = await awsProvider.sandbox!(small({ volumes }), runtime);
    store = new FactStore(new Pools());
  });
  afterAll(() => handle?.stop());

  it('DescribeVolumes is followed to the last nextToken, 1000 at a time', async () => {
    const facts = awsProvider.facts(handle.targets[0]!, store, runtime);
    const volumes = await facts.ebs.volumes('eu-west-1');
    expect(volumes).toHaveLength(1003);
    expect(volumes.filter((v) => v.encrypted)).toHaveLength(502);
    expect(volumes[0]).toMatchObject({
      region: 'eu-west-1',
      arn: expect.stringMatching(/^arn:aws:ec2:eu-west-1:123456789012:volume\/vol-/),
    });
    const calls = store.snapshot().find((f) => f.key === 'aws.ebs.volumes(eu-west-1)')!.calls;
    expect(calls.map((c) => c.operation)).toEqual(['ec2:DescribeVolumes', 'ec2:DescribeVolumes']);
  });
});
