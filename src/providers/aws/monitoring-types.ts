/**
 * The shapes of the logging and monitoring facts (CloudTrail, AWS Config,
 * GuardDuty, Security Hub, CloudWatch Logs), as the fetchers store them:
 * plain JSON, ISO strings for instants, `null` where the answer has no value.
 */

/** One trail of DescribeTrails (shadow trails included: multi-Region trails of other Regions, organisation trails). */
export interface Trail {
  name: string;
  arn: string;
  homeRegion: string;
  multiRegion: boolean;
  /** An organisation trail: it logs every account of the organisation, and member accounts see it as a shadow trail. */
  organization: boolean;
  logFileValidation: boolean;
  /** The KMS key ARN of SSE-KMS log encryption; `null`: the bucket's default (SSE-S3). */
  kmsKeyId: string | null;
  bucket: string | null;
  /** `false`: the default selector (every management event, read and write); `null` when the answer leaves it out. */
  hasCustomEventSelectors: boolean | null;
}

export interface TrailStatus {
  isLogging: boolean;
  latestDeliveryError: string | null;
  latestDeliveryTime: string | null;
}

export interface BasicEventSelector {
  /** `ReadOnly`, `WriteOnly` or `All` (CloudTrail's default when absent). */
  readWriteType: string | null;
  /** CloudTrail's default when absent is true. */
  includeManagementEvents: boolean | null;
  excludeManagementEventSources: string[];
}

export interface AdvancedFieldSelector {
  field: string;
  equals: string[];
  notEquals: string[];
}

export interface TrailEventSelectors {
  basic: BasicEventSelector[];
  advanced: { name: string | null; fields: AdvancedFieldSelector[] }[];
}

/** A customer-managed configuration recorder; service-linked recorders (for one AWS service's needs) are left out. */
export interface ConfigRecorder {
  name: string;
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  /** `ALL_SUPPORTED_RESOURCE_TYPES`, `INCLUSION_BY_RESOURCE_TYPES` or `EXCLUSION_BY_RESOURCE_TYPES`; `null` when the answer names none. */
  strategy: string | null;
  resourceTypes: string[];
  excludedResourceTypes: string[];
}

export interface ConfigRecorderStatus {
  name: string;
  recording: boolean;
  /** `Pending`, `Success` or `Failure`. */
  lastStatus: string | null;
  lastErrorCode: string | null;
}

export interface ConfigDeliveryStatus {
  name: string;
  /** Last delivery of configuration history files to S3: `Success`, `Failure` or `Not_Applicable`. */
  historyStatus: string | null;
  historyError: string | null;
}

export interface GuardDutyDetector {
  id: string;
  /** `ENABLED` or `SUSPENDED`. */
  status: string;
  createdAt: string | null;
}

export interface GuardDutyFinding {
  id: string;
  severity: number;
  type: string;
  createdAt: string;
  updatedAt: string | null;
}

export interface SecurityHubHub {
  hubArn: string;
  subscribedAt: string | null;
}

export interface StandardsSubscription {
  standardsArn: string;
  /** `PENDING`, `READY`, `FAILED`, `DELETING` or `INCOMPLETE`. */
  status: string;
}

export interface LogGroup {
  name: string;
  arn: string;
  /** `null`: events never expire (CloudWatch Logs' default). */
  retentionInDays: number | null;
  /** `null`: encrypted with CloudWatch Logs' own keys, not a KMS key. */
  kmsKeyId: string | null;
}

export interface MonitoringFacts {
  cloudtrail: {
    /** Every trail the home Region sees, shadow trails included (one call answers for all Regions). */
    trails(): Promise<Trail[]>;
    /** From the trail's home Region, by ARN (member accounts must name an organisation trail by ARN). */
    status(trail: Trail): Promise<TrailStatus>;
    eventSelectors(trail: Trail): Promise<TrailEventSelectors>;
  };
  config: {
    /** `[]`: AWS Config has no (customer-managed) recorder in the region. */
    recorders(region: string): Promise<ConfigRecorder[]>;
    recorderStatus(region: string): Promise<ConfigRecorderStatus[]>;
    deliveryStatus(region: string): Promise<ConfigDeliveryStatus[]>;
  };
  guardduty: {
    /** `[]`: no detector, GuardDuty is not enabled in the region. */
    detectors(region: string): Promise<GuardDutyDetector[]>;
    /** Findings of severity 7 or more (High and Critical) that are not archived. */
    highFindings(region: string, detectorId: string): Promise<GuardDutyFinding[]>;
  };
  securityhub: {
    /** `null`: the account is not subscribed to Security Hub in the region (InvalidAccessException). */
    hub(region: string): Promise<SecurityHubHub | null>;
    enabledStandards(region: string): Promise<StandardsSubscription[]>;
  };
  logs: { logGroups(region: string): Promise<LogGroup[]> };
}

/** The services of these facts, by the names their clients, endpoints and ACTIONS keys use. */
export type MonitoringService = 'cloudtrail' | 'config' | 'guardduty' | 'securityhub' | 'logs';
