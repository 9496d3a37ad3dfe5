import {
  DescribeFlowLogsCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeVolumes,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsSandbox, type AwsSandbox, type AwsScenario } from './index.js';
import { clientsFor, rejection } from '../../../test/support/aws/sandbox.js';

const VPC = 'vpc-0a1b2c3d4e5f60001';
const scenario: AwsScenario = {
  accounts: [
    {
      id: '111111111111',
      regions: ['eu-west-1', 'us-east-1'],
      ebsEncryptionByDefault: ['eu-west-1'],
      vpcs: [
        { id: VPC, region: 'eu-west-1', default: true, flowLogs: [{ traffic: 'REJECT', deliveryError: 'Access error' }] },
        { id: 'vpc-0a1b2c3d4e5f60002', region: 'us-east-1' },
      ],
      securityGroups: [
        {
          name: 'web',
          region: 'eu-west-1',
          vpc: VPC,
          ingress: [
            { protocol: 'tcp', ports: 443, source: '0.0.0.0/0' },
            { protocol: 'tcp', ports: [22, 22], source: '::/0', description: 'ssh' },
            { protocol: '-1', source: 'pl-12345678' },
            { protocol: 'tcp', ports: 5432, source: 'default' },
          ],
        },
      ],
      instances: [
        { id: 'i-0aaaaaaaaaaaaaaa1', region: 'eu-west-1', httpTokens: 'required', securityGroups: ['web'] },
        { id: 'i-0aaaaaaaaaaaaaaa2', region: 'eu-west-1', state: 'terminated' },
      ],
      volumes: [
        ...Array.from({ length: 7 }, (_, i) => ({ region: 'eu-west-1', encrypted: i % 2 === 0 })),
        { id: 'vol-0bbbbbbbbbbbbbbb1', region: 'eu-west-1', attachedTo: 'i-0aaaaaaaaaaaaaaa1' },
      ],
      snapshots: [
        { id: 'snap-0ccccccccccccccc1', region: 'eu-west-1', volume: 'vol-0bbbbbbbbbbbbbbb1', public: true },
        { id: 'snap-0ccccccccccccccc2', region: 'eu-west-1', encrypted: true, sharedWith: ['222222222222'] },
      ],
    },
    {
      id: '222222222222',
      regions: ['eu-west-1'],
      snapshots: [{ id: 'snap-0ddddddddddddddd1', region: 'eu-west-1', public: true }],
    },
  ],
};

describe('aws sandbox: EC2 Describe operations', () => {
  let sandbox: AwsSandbox;
  let eu: ReturnType<typeof clientsFor>['ec2'];
  let us: ReturnType<typeof clientsFor>['ec2'];
  beforeAll(async () => {
    sandbox = await startAwsSandbox(scenario);
    eu = clientsFor(sandbox, 'eu-west-1').ec2;
    us = clientsFor(sandbox, 'us-east-1').ec2;
  });
  afterAll(() => sandbox.stop());

  it('answers EBS encryption by default per signing region', async () => {
    expect((await eu.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(true);
    expect((await us.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault).toBe(false);
  });

  it('pages volumes by MaxResults and nextToken, with encryption, key and attachments; refuses bad pages', async () => {
    const first = await eu.send(new DescribeVolumesCommand({ MaxResults: 5 }));
    expect(first.Volumes).toHaveLength(5);
    expect(first.NextToken).toBeTruthy();
    const all = [];
    for await (const page of paginateDescribeVolumes({ client: eu, pageSize: 5 }, {})) all.push(...page.Volumes!);
    expect(all).toHaveLength(8);
    expect(all[0]).toMatchObject({ Encrypted: true, KmsKeyId: expect.stringMatching(/^arn:aws:kms:eu-west-1:111111111111:key\//) });
    expect(all[1]).toMatchObject({ Encrypted: false, State: 'available', Attachments: [] });
    expect(all[7]).toMatchObject({
      VolumeId: 'vol-0bbbbbbbbbbbbbbb1',
      State: 'in-use',
      Attachments: [{ InstanceId: 'i-0aaaaaaaaaaaaaaa1', State: 'attached' }],
    });
    expect((await us.send(new DescribeVolumesCommand({ MaxResults: 1000 }))).Volumes).toEqual([]);
    const big = await rejection(eu.send(new DescribeVolumesCommand({ MaxResults: 2000 })));
    expect([big.name, big.$metadata.httpStatusCode]).toEqual(['InvalidParameterValue', 400]);
    const token = await rejection(eu.send(new DescribeVolumesCommand({ MaxResults: 5, NextToken: 'bm9wZQ==' })));
    expect(token.name).toBe('InvalidPaginationToken');
  });

  it('lists own snapshots; RestorableByUserIds all narrows them to the public ones', async () => {
    const own = await eu.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000 }));
    expect(own.Snapshots?.map((s) => s.SnapshotId)).toEqual(['snap-0ccccccccccccccc1', 'snap-0ccccccccccccccc2']);
    const open = await eu.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], RestorableByUserIds: ['all'], MaxResults: 1000 }));
    expect(open.Snapshots?.map((s) => s.SnapshotId)).toEqual(['snap-0ccccccccccccccc1']);
    const visible = await eu.send(new DescribeSnapshotsCommand({}));
    expect(visible.Snapshots?.map((s) => s.SnapshotId)).toContain('snap-0ddddddddddddddd1');
  });

  it('lists every security group rule with its source kind; the default group answers its filter', async () => {
    const rules = (await eu.send(new DescribeSecurityGroupRulesCommand({ MaxResults: 1000 }))).SecurityGroupRules!;
    const ingress = rules.filter((r) => !r.IsEgress);
    expect(ingress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIpv4: '0.0.0.0/0' }),
        expect.objectContaining({ IpProtocol: 'tcp', FromPort: 22, CidrIpv6: '::/0', Description: 'ssh' }),
        expect.objectContaining({ IpProtocol: '-1', FromPort: -1, ToPort: -1, PrefixListId: 'pl-12345678' }),
        expect.objectContaining({
          FromPort: 5432,
          ReferencedGroupInfo: expect.objectContaining({ GroupId: expect.stringMatching(/^sg-/) }),
        }),
      ]),
    );
    const defaults = (
      await eu.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['default'] }], MaxResults: 1000 }))
    ).SecurityGroups!;
    expect(defaults).toHaveLength(1);
    expect(defaults[0]).toMatchObject({
      GroupName: 'default',
      VpcId: VPC,
      IpPermissionsEgress: [expect.objectContaining({ IpProtocol: '-1' })],
    });
    const bad = await rejection(eu.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'colour', Values: ['red'] }] })));
    expect(bad.name).toBe('InvalidParameterValue');
  });

  it('gives running instances a network interface, and metadata options to every instance', async () => {
    const enis = (await eu.send(new DescribeNetworkInterfacesCommand({ MaxResults: 1000 }))).NetworkInterfaces!;
    expect(enis).toHaveLength(1);
    expect(enis[0]).toMatchObject({ Attachment: { InstanceId: 'i-0aaaaaaaaaaaaaaa1' }, Groups: [{ GroupName: 'web' }] });
    const reservations = (await eu.send(new DescribeInstancesCommand({ MaxResults: 1000 }))).Reservations!;
    expect(reservations.flatMap((r) => r.Instances!).map((i) => [i.InstanceId, i.State?.Name, i.MetadataOptions?.HttpTokens])).toEqual([
      ['i-0aaaaaaaaaaaaaaa1', 'running', 'required'],
      ['i-0aaaaaaaaaaaaaaa2', 'terminated', 'optional'],
    ]);
  });

  it('answers VPCs and flow logs with their delivery status', async () => {
    expect((await eu.send(new DescribeVpcsCommand({ MaxResults: 1000 }))).Vpcs).toEqual([
      expect.objectContaining({ VpcId: VPC, IsDefault: true, State: 'available' }),
    ]);
    expect((await eu.send(new DescribeFlowLogsCommand({ MaxResults: 1000 }))).FlowLogs).toEqual([
      expect.objectContaining({
        ResourceId: VPC,
        FlowLogStatus: 'ACTIVE',
        DeliverLogsStatus: 'FAILED',
        DeliverLogsErrorMessage: 'Access error',
        TrafficType: 'REJECT',
      }),
    ]);
    expect((await us.send(new DescribeFlowLogsCommand({ MaxResults: 1000 }))).FlowLogs).toEqual([]);
  });

  it('answers a denied Describe call with UnauthorizedOperation naming the action', async () => {
    const denied = await startAwsSandbox({ ...scenario, deny: ['ec2:DescribeSecurityGroupRules'] });
    try {
      const err = await rejection(clientsFor(denied, 'eu-west-1').ec2.send(new DescribeSecurityGroupRulesCommand({})));
      expect([err.name, err.$metadata.httpStatusCode]).toEqual(['UnauthorizedOperation', 403]);
      expect(err.message).toContain('ec2:DescribeSecurityGroupRules');
    } finally {
      await denied.stop();
    }
  });
});
