import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSandbox, type SandboxScan } from './harness.js';

/**
 * The logging and monitoring checks through the real SDK against the
 * emulator, on what acme does not show: an organisation trail seen from a
 * member account, regions where a service was never enabled, answers of
 * several pages, and denied calls named by their action.
 */
const MANAGEMENT = '111111111111';
const MEMBER = '222222222222';
const CHECKS = [
  'aws.cloudtrail.multi-region',
  'aws.cloudtrail.integrity',
  'aws.guardduty.enabled',
  'aws.securityhub.enabled',
  'aws.config.recorder',
  'aws.logs.retention',
];
const account = (id: string) => `AWS::::Account:${id}`;
const at = (service: string, region: string, id: string, suffix: string) => `arn:aws:${service}:${region}:${id}:${suffix}`;

const SCENARIO = {
  homeRegion: 'eu-west-1',
  organization: { id: 'o-monitoring01', managementAccount: MANAGEMENT },
  accounts: [
    {
      id: MANAGEMENT,
      regions: ['eu-west-1', 'us-east-1'],
      kmsKeys: [{ region: 'eu-west-1', aliases: ['alias/org-trail'], rotation: true }],
      buckets: [{ name: 'org-trail-logs', region: 'eu-west-1', publicAccessBlock: true }],
      trails: [
        {
          name: 'org-trail',
          organization: true,
          logFileValidation: true,
          kmsKey: 'alias/org-trail',
          bucket: 'org-trail-logs',
          advancedEventSelectors: [{ name: 'management', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] }],
        },
      ],
      // 60 open high findings: two pages of ListFindings, two batches of GetFindings.
      guardDuty: [{ region: 'eu-west-1', findings: Array.from({ length: 60 }, () => ({ severity: 8, age: { days: 40 } })) }],
      securityHub: [{ region: 'eu-west-1', standards: [{ standard: 'aws-foundational-security-best-practices/v/1.0.0' }] }],
      // 120 groups: three pages of DescribeLogGroups.
      logGroups: Array.from({ length: 120 }, (_, i) => ({
        name: `/app/g${String(i).padStart(3, '0')}`,
        region: 'eu-west-1',
        retentionDays: 400,
      })),
    },
    {
      id: MEMBER,
      regions: ['eu-west-1'],
      roles: [{ name: 'annexa-audit', policies: ['SecurityAudit'] }],
      securityHub: [{ region: 'eu-west-1' }],
      configRecorders: [{ region: 'eu-west-1' }],
      deny: ['guardduty:ListDetectors', 'securityhub:GetEnabledStandards', 'logs:*', 'config:DescribeConfigurationRecorderStatus'],
    },
  ],
};

let scan: SandboxScan;
beforeAll(async () => {
  scan = await scanSandbox(SCENARIO, { only: CHECKS });
});
afterAll(() => scan?.handle.stop());

const result = (check: string, resource: string) => scan.of(check).get(resource);

describe('logging and monitoring through the real AWS SDK', () => {
  it("passes a member account on its organisation's trail, and judges that trail's bucket in the management account", () => {
    expect(result('aws.cloudtrail.multi-region', account(MANAGEMENT))).toMatchObject({ status: 'pass', messageId: 'recording' });
    expect(result('aws.cloudtrail.integrity', account(MANAGEMENT))).toMatchObject({ status: 'pass', messageId: 'intact' });
    expect(result('aws.cloudtrail.multi-region', account(MEMBER))).toMatchObject({
      status: 'pass',
      messageId: 'organizationTrail',
      observed: { owner: MANAGEMENT, trail: `arn:aws:cloudtrail:eu-west-1:${MANAGEMENT}:trail/org-trail` },
    });
    expect(result('aws.cloudtrail.integrity', account(MEMBER))).toMatchObject({ status: 'pass', messageId: 'organizationTrail' });
  });

  it('fails the regions where a service was never enabled, as facts rather than errors', () => {
    expect(result('aws.guardduty.enabled', at('guardduty', 'us-east-1', MANAGEMENT, 'detector/*'))).toMatchObject({
      status: 'fail',
      messageId: 'notEnabled',
    });
    // Security Hub answers InvalidAccessException "not subscribed" there.
    expect(result('aws.securityhub.enabled', at('securityhub', 'us-east-1', MANAGEMENT, 'hub/default'))).toMatchObject({
      status: 'fail',
      messageId: 'notEnabled',
    });
    for (const region of ['eu-west-1', 'us-east-1']) {
      expect(result('aws.config.recorder', at('config', region, MANAGEMENT, 'configuration-recorder/*'))).toMatchObject({
        status: 'fail',
        messageId: 'notEnabled',
      });
    }
  });

  it('reads answers of several pages to the end', () => {
    expect(result('aws.guardduty.enabled', at('guardduty', 'eu-west-1', MANAGEMENT, 'detector/*'))).toMatchObject({
      status: 'fail',
      messageId: 'staleFindings',
      observed: { highFindings: 60, staleFindings: 60 },
    });
    const groups = [...scan.of('aws.logs.retention').values()].filter((r) => r.resource.includes(`:${MANAGEMENT}:log-group:`));
    expect(groups).toHaveLength(120);
    expect(groups.every((r) => r.status === 'fail' && r.messageId === 'notKmsEncrypted')).toBe(true);
    const fact = (key: string) => scan.store.snapshot().find((f) => f.target === `aws:${MANAGEMENT}` && f.key === key)!;
    expect(fact('aws.logs.logGroups(eu-west-1)').calls.map((c) => c.operation)).toEqual(Array(3).fill('logs:DescribeLogGroups'));
    const findings = fact(
      `aws.guardduty.highFindings(eu-west-1,${(fact('aws.guardduty.detectors(eu-west-1)').value as { id: string }[])[0]!.id})`,
    );
    expect(findings.calls.map((c) => c.operation)).toEqual([
      'guardduty:ListFindings',
      'guardduty:ListFindings',
      'guardduty:GetFindings',
      'guardduty:GetFindings',
    ]);
  });

  it('makes a denied call an error naming its action, in that region only', () => {
    const denied = (check: string, resource: string, action: string) =>
      expect([check, result(check, resource)?.status, result(check, resource)?.message]).toEqual([
        check,
        'error',
        expect.stringContaining(`(needs ${action})`),
      ]);
    denied('aws.guardduty.enabled', at('guardduty', 'eu-west-1', MEMBER, 'detector/*'), 'guardduty:ListDetectors');
    denied('aws.securityhub.enabled', at('securityhub', 'eu-west-1', MEMBER, 'hub/default'), 'securityhub:GetEnabledStandards');
    denied('aws.logs.retention', at('logs', 'eu-west-1', MEMBER, 'log-group:*'), 'logs:DescribeLogGroups');
    denied(
      'aws.config.recorder',
      at('config', 'eu-west-1', MEMBER, 'configuration-recorder/*'),
      'config:DescribeConfigurationRecorderStatus',
    );
  });
});
