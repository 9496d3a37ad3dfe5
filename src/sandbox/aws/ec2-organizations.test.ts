import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { DescribeOrganizationCommand, ListAccountsCommand, paginateListAccounts } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsSandbox, type AwsSandbox, type AwsScenario } from './index.js';
import { clientsFor, rejection } from '../../../test/support/aws/sandbox.js';

const MEMBERS = Array.from({ length: 22 }, (_, i) => ({
  id: String(200000000000 + i),
  name: `member-${i}`,
  regions: ['eu-west-1'],
  roles: [{ name: 'annexa-audit' }],
  users: [{ name: `only-in-${i}` }],
  buckets: [{ name: `member-${i}-data`, region: 'eu-west-1' }],
}));
const org: AwsScenario = {
  organization: { id: 'o-a1b2c3d4e5' },
  accounts: [
    { id: '100000000000', name: 'management', regions: ['us-east-1', 'eu-west-1', 'af-south-1'], roles: [{ name: 'annexa-audit' }] },
    ...MEMBERS,
  ],
};

describe('aws sandbox: EC2 regions, Organizations and cross-account roles', () => {
  let sandbox: AwsSandbox;
  let c: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    sandbox = await startAwsSandbox(org);
    c = clientsFor(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('DescribeRegions lists the enabled regions; AllRegions adds the others with their opt-in status; filters apply', async () => {
    const enabled = await c.ec2.send(new DescribeRegionsCommand({}));
    expect(enabled.Regions).toEqual([
      { RegionName: 'us-east-1', Endpoint: 'ec2.us-east-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', Endpoint: 'ec2.eu-west-1.amazonaws.com', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'af-south-1', Endpoint: 'ec2.af-south-1.amazonaws.com', OptInStatus: 'opted-in' },
    ]);
    const all = await c.ec2.send(
      new DescribeRegionsCommand({ AllRegions: true, Filters: [{ Name: 'opt-in-status', Values: ['not-opted-in'] }] }),
    );
    expect(all.Regions?.length).toBeGreaterThan(5);
    expect(all.Regions?.every((r) => r.OptInStatus === 'not-opted-in')).toBe(true);
    const named = await c.ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1'] }));
    expect(named.Regions?.map((r) => r.RegionName)).toEqual(['eu-west-1']);
    const bad = await rejection(c.ec2.send(new DescribeRegionsCommand({ RegionNames: ['xx-nowhere-1'] })));
    expect(bad.name).toBe('InvalidParameterValue');
  });

  it('ListAccounts pages with NextToken (at most 20 per page)', async () => {
    const first = await c.organizations.send(new ListAccountsCommand({}));
    expect(first.Accounts).toHaveLength(20);
    expect(first.NextToken).toBeTruthy();
    const ids: string[] = [];
    for await (const page of paginateListAccounts({ client: c.organizations }, {})) ids.push(...page.Accounts!.map((a) => a.Id!));
    expect(ids).toHaveLength(23);
    expect(first.Accounts?.[1]).toMatchObject({
      Id: '200000000000',
      Name: 'member-0',
      Status: 'ACTIVE',
      Arn: 'arn:aws:organizations::100000000000:account/o-a1b2c3d4e5/200000000000',
      JoinedTimestamp: expect.any(Date),
    });
    expect((await c.organizations.send(new DescribeOrganizationCommand({}))).Organization?.MasterAccountId).toBe('100000000000');
  });

  it('credentials from AssumeRole act in the member account: IAM and S3 answer for it; it may not list the organisation', async () => {
    const r = await c.sts.send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::200000000005:role/annexa-audit', RoleSessionName: 'annexa' }),
    );
    const member = clientsFor(sandbox, 'eu-west-1', {
      accessKeyId: r.Credentials!.AccessKeyId!,
      secretAccessKey: r.Credentials!.SecretAccessKey!,
      sessionToken: r.Credentials!.SessionToken,
    });
    expect((await member.iam.send(new ListUsersCommand({}))).Users?.map((u) => u.UserName)).toEqual(['only-in-5']);
    expect((await member.s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['member-5-data']);
    expect((await member.ec2.send(new DescribeRegionsCommand({}))).Regions?.map((x) => x.RegionName)).toEqual(['eu-west-1']);
    const denied = await rejection(member.organizations.send(new ListAccountsCommand({})));
    expect(denied.name).toBe('AccessDeniedException');
    const unknown = await rejection(
      c.sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::999999999999:role/annexa-audit', RoleSessionName: 'x' })),
    );
    expect([unknown.name, unknown.$metadata.httpStatusCode]).toEqual(['AccessDenied', 403]);
  });
});

describe('aws sandbox: outside an organisation; EC2 denial', () => {
  it('answers AWSOrganizationsNotInUseException and UnauthorizedOperation', async () => {
    const sandbox = await startAwsSandbox({ accounts: [{ id: '123456789012', regions: ['us-east-1'] }], deny: ['ec2:Describe*'] });
    try {
      const c = clientsFor(sandbox);
      const none = await rejection(c.organizations.send(new ListAccountsCommand({})));
      expect(none.name).toBe('AWSOrganizationsNotInUseException');
      const denied = await rejection(c.ec2.send(new DescribeRegionsCommand({})));
      expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(['UnauthorizedOperation', 403]);
      expect(denied.message).toContain('ec2:DescribeRegions');
    } finally {
      await sandbox.stop();
    }
  });
});

describe('aws sandbox: Organizations denial', () => {
  it('answers AccessDeniedException naming the denied action', async () => {
    const sandbox = await startAwsSandbox({
      organization: {},
      accounts: [{ id: '123456789012', regions: ['us-east-1'] }],
      deny: ['organizations:ListAccounts'],
    });
    try {
      const err = await rejection(clientsFor(sandbox).organizations.send(new ListAccountsCommand({})));
      expect([err.name, err.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 400]);
      expect(err.message).toContain('organizations:ListAccounts');
    } finally {
      await sandbox.stop();
    }
  });
});
