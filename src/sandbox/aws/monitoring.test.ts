import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeLogGroupsCommand, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeConfigurationRecordersCommand, DescribeDeliveryChannelStatusCommand } from '@aws-sdk/client-config-service';
import { GetDetectorCommand, ListDetectorsCommand, ListFindingsCommand } from '@aws-sdk/client-guardduty';
import { DescribeHubCommand, GetEnabledStandardsCommand } from '@aws-sdk/client-securityhub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario.js';
import { startAwsSandbox, type AwsSandbox, type AwsScenario } from './index.js';
import { clientsFor, rejection } from '../../../test/support/aws/sandbox.js';

const acme = loadScenario('acme').aws as AwsScenario;
const ACCOUNT = '418295730612';
const AUDIT = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/acme-audit`;

describe('aws sandbox: logging and monitoring services over the real SDK', () => {
  let sandbox: AwsSandbox;
  let us: ReturnType<typeof clientsFor>;
  let eu: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    sandbox = await startAwsSandbox({ ...acme, deny: ['guardduty:GetDetector'] });
    us = clientsFor(sandbox, 'us-east-1');
    eu = clientsFor(sandbox, 'eu-west-1');
  });
  afterAll(() => sandbox.stop());

  it("CloudTrail lists a region's trails and, with shadow trails, the multi-Region trails of other regions", async () => {
    const names = async (includeShadowTrails?: boolean) =>
      (await eu.cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails }))).trailList!.map((t) => t.Name).sort();
    expect(await names()).toEqual(['acme-audit', 'legacy-eu-debug']);
    expect(await names(false)).toEqual(['legacy-eu-debug']);
    const [audit] = (await us.cloudtrail.send(new DescribeTrailsCommand({ trailNameList: ['acme-audit'] }))).trailList!;
    expect(audit).toMatchObject({ TrailARN: AUDIT, HomeRegion: 'us-east-1', IsMultiRegionTrail: true, HasCustomEventSelectors: false });
  });

  it('CloudTrail finds a shadow trail by ARN only, and answers its status and default selectors', async () => {
    const missing = await rejection(eu.cloudtrail.send(new GetTrailStatusCommand({ Name: 'acme-audit' })));
    expect([missing.name, missing.message]).toEqual(['TrailNotFoundException', `Unknown trail: acme-audit for the user: ${ACCOUNT}`]);
    const status = await eu.cloudtrail.send(new GetTrailStatusCommand({ Name: AUDIT }));
    expect([status.IsLogging, status.LatestDeliveryError, status.LatestDeliveryTime instanceof Date]).toEqual([true, undefined, true]);
    const selectors = await us.cloudtrail.send(new GetEventSelectorsCommand({ TrailName: 'acme-audit' }));
    expect(selectors.EventSelectors).toEqual([
      { ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] },
    ]);
  });

  it('CloudWatch Logs pages by limit and nextToken, and refuses a limit above 50', async () => {
    const first = await us.logs.send(new DescribeLogGroupsCommand({ limit: 1 }));
    expect([first.logGroups!.map((g) => g.logGroupName), typeof first.nextToken]).toEqual([['/aws/lambda/acme-thumbnailer'], 'string']);
    const all: string[] = [];
    for await (const page of paginateDescribeLogGroups({ client: us.logs, pageSize: 1 }, {}))
      all.push(...page.logGroups!.map((g) => g.logGroupName!));
    expect(all).toEqual(['/aws/lambda/acme-thumbnailer', '/ecs/acme-app']);
    const [thumbnailer] = first.logGroups!;
    expect(thumbnailer).toMatchObject({
      retentionInDays: 14,
      logGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/lambda/acme-thumbnailer`,
    });
    expect(thumbnailer!.kmsKeyId).toBeUndefined();
    expect((await rejection(us.logs.send(new DescribeLogGroupsCommand({ limit: 51 })))).name).toBe('InvalidParameterException');
  });

  it('GuardDuty filters findings by severity and archive state; a denied call is 403 AccessDeniedException', async () => {
    const [detector] = (await eu.guardduty.send(new ListDetectorsCommand({}))).DetectorIds!;
    const count = async (gte: number, archived?: string) =>
      (
        await eu.guardduty.send(
          new ListFindingsCommand({
            DetectorId: detector,
            FindingCriteria: {
              Criterion: { severity: { GreaterThanOrEqual: gte }, ...(archived ? { 'service.archived': { Equals: [archived] } } : {}) },
            },
          }),
        )
      ).FindingIds!.length;
    expect([await count(7), await count(7, 'false'), await count(1)]).toEqual([2, 1, 3]);
    const unsupported = await rejection(
      eu.guardduty.send(new ListFindingsCommand({ DetectorId: detector, FindingCriteria: { Criterion: { type: { Equals: ['x'] } } } })),
    );
    expect(unsupported.name).toBe('BadRequestException');
    const denied = await rejection(eu.guardduty.send(new GetDetectorCommand({ DetectorId: detector })));
    expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 403]);
  });

  it('a region where a service was never enabled answers as AWS does: empty lists, or "not subscribed"', async () => {
    // acme-sandbox enables none of them.
    await sandbox.stop();
    sandbox = await startAwsSandbox({ ...acme, accounts: [acme.accounts[2]!] });
    const none = clientsFor(sandbox, 'eu-west-1');
    expect((await none.guardduty.send(new ListDetectorsCommand({}))).DetectorIds).toEqual([]);
    expect((await none.config.send(new DescribeConfigurationRecordersCommand({}))).ConfigurationRecorders).toEqual([]);
    expect((await none.config.send(new DescribeDeliveryChannelStatusCommand({}))).DeliveryChannelsStatus).toEqual([]);
    for (const command of [new DescribeHubCommand({}), new GetEnabledStandardsCommand({})]) {
      const err = await rejection(none.securityhub.send(command as never));
      expect([err.name, err.$metadata.httpStatusCode, err.message]).toEqual([
        'InvalidAccessException',
        401,
        `Account ${acme.accounts[2]!.id} is not subscribed to AWS Security Hub`,
      ]);
    }
  });
});
