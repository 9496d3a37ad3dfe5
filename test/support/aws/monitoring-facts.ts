import type { FakeFacts } from '../../../src/testing/run-check.js';
import type { AwsFacts } from '../../../src/providers/aws/types.js';
import type {
  ConfigDeliveryStatus,
  ConfigRecorder,
  ConfigRecorderStatus,
  GuardDutyDetector,
  GuardDutyFinding,
  LogGroup,
  SecurityHubHub,
  StandardsSubscription,
  Trail,
  TrailEventSelectors,
  TrailStatus,
} from '../../../src/providers/aws/monitoring-types.js';
import { ACCOUNT } from './facts.js';

/**
 * Builders of hand-made logging and monitoring facts for check tables: each
 * starts well kept, and a case overrides what it is about. A value that is an
 * Error fails that fact, as a denied call would.
 */

type Or<T> = T | Error;
const give = async <T>(v: Or<T> | undefined, what: string): Promise<T> => {
  if (v === undefined) throw new Error(`test gave no ${what}`);
  if (v instanceof Error) throw v;
  return v;
};

export function trail(name: string, over: Partial<Trail> = {}, owner = ACCOUNT): Trail {
  return {
    name,
    arn: `arn:aws:cloudtrail:eu-west-1:${owner}:trail/${name}`,
    homeRegion: 'eu-west-1',
    multiRegion: true,
    organization: false,
    logFileValidation: true,
    kmsKeyId: `arn:aws:kms:eu-west-1:${owner}:key/trail`,
    bucket: `${name}-logs`,
    hasCustomEventSelectors: false,
    ...over,
  };
}

export const LOGGING: TrailStatus = { isLogging: true, latestDeliveryError: null, latestDeliveryTime: '2026-06-01T00:00:00.000Z' };

/** CloudTrail facts; status and selectors by trail name. */
export function cloudtrailFacts(
  trails: Or<Trail[]>,
  by: { status?: Record<string, Or<TrailStatus>>; selectors?: Record<string, Or<TrailEventSelectors>> } = {},
): FakeFacts<AwsFacts> {
  return {
    cloudtrail: {
      trails: () => give(trails, 'trails'),
      status: (t) => give(by.status?.[t.name] ?? LOGGING, `status of ${t.name}`),
      eventSelectors: (t) => give(by.selectors?.[t.name], `selectors of ${t.name}`),
    },
  };
}

export const detector = (id: string, status = 'ENABLED'): GuardDutyDetector => ({ id, status, createdAt: '2025-01-01T00:00:00.000Z' });
export const finding = (id: string, createdAt: string, severity = 8): GuardDutyFinding => ({
  id,
  severity,
  type: 'UnauthorizedAccess:EC2/SSHBruteForce',
  createdAt,
  updatedAt: createdAt,
});

/** GuardDuty facts by region: its detectors, and the high findings of each detector by id. */
export function guarddutyFacts(
  detectors: Record<string, Or<GuardDutyDetector[]>>,
  findings: Record<string, Or<GuardDutyFinding[]>> = {},
): FakeFacts<AwsFacts> {
  return {
    regions: async () => Object.keys(detectors),
    guardduty: {
      detectors: (region) => give(detectors[region], `detectors of ${region}`),
      highFindings: (_region, id) => give(findings[id] ?? [], `findings of ${id}`),
    },
  };
}

export const hub = (region: string): SecurityHubHub => ({
  hubArn: `arn:aws:securityhub:${region}:${ACCOUNT}:hub/default`,
  subscribedAt: '2025-01-01T00:00:00.000Z',
});
export const FSBP = 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0';

/** Security Hub facts by region: the hub (`null`: not subscribed) and its standards. */
export function securityhubFacts(
  hubs: Record<string, Or<SecurityHubHub | null>>,
  standards: Record<string, Or<StandardsSubscription[]>> = {},
): FakeFacts<AwsFacts> {
  return {
    regions: async () => Object.keys(hubs),
    securityhub: {
      hub: (region) => give(hubs[region], `hub of ${region}`),
      enabledStandards: (region) => give(standards[region], `standards of ${region}`),
    },
  };
}

export function recorder(over: Partial<ConfigRecorder> = {}): ConfigRecorder {
  return {
    name: 'default',
    allSupported: true,
    includeGlobalResourceTypes: true,
    strategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
    resourceTypes: [],
    excludedResourceTypes: [],
    ...over,
  };
}
export const RECORDING: ConfigRecorderStatus[] = [{ name: 'default', recording: true, lastStatus: 'Success', lastErrorCode: null }];
export const DELIVERING: ConfigDeliveryStatus[] = [{ name: 'default', historyStatus: 'Success', historyError: null }];

/** Config facts by region; status and delivery default to recording and delivering. */
export function configFacts(
  recorders: Record<string, Or<ConfigRecorder[]>>,
  by: { status?: Record<string, Or<ConfigRecorderStatus[]>>; delivery?: Record<string, Or<ConfigDeliveryStatus[]>> } = {},
): FakeFacts<AwsFacts> {
  return {
    regions: async () => Object.keys(recorders),
    config: {
      recorders: (region) => give(recorders[region], `recorders of ${region}`),
      recorderStatus: (region) => give(by.status?.[region] ?? RECORDING, `recorder status of ${region}`),
      deliveryStatus: (region) => give(by.delivery?.[region] ?? DELIVERING, `delivery status of ${region}`),
    },
  };
}

export function logGroup(name: string, over: Partial<LogGroup> = {}, region = 'eu-west-1'): LogGroup {
  return {
    name,
    arn: `arn:aws:logs:${region}:${ACCOUNT}:log-group:${name}`,
    retentionInDays: 400,
    kmsKeyId: `arn:aws:kms:${region}:${ACCOUNT}:key/logs`,
    ...over,
  };
}

export function logsFacts(byRegion: Record<string, Or<LogGroup[]>>): FakeFacts<AwsFacts> {
  return { regions: async () => Object.keys(byRegion), logs: { logGroups: (region) => give(byRegion[region], `log groups of ${region}`) } };
}
