import type { Age } from './scenario.js';

/**
 * The logging and monitoring parts of a scenario account (CloudTrail, AWS
 * Config, GuardDuty, Security Hub, CloudWatch Logs), as
 * schemas/scenario-aws.schema.json describes them. A service an account does
 * not list is not enabled there, and answers as AWS does for that.
 */

export interface TrailSpec {
  name: string;
  /** The Region it was created in; defaults to the account's first region. */
  homeRegion?: string;
  /** Defaults to true, as the console creates trails. */
  multiRegion?: boolean;
  /** An organisation trail (only the management account can own one): member accounts see it. */
  organization?: boolean;
  logFileValidation?: boolean;
  /** SSE-KMS: an alias or key id of the account's keys in the home Region, or a key ARN. */
  kmsKey?: string;
  bucket: string;
  /** Defaults to true. */
  logging?: boolean;
  /** GetTrailStatus LatestDeliveryError, e.g. `AccessDenied`. */
  deliveryError?: string;
  /** Basic selectors; absent (and no advanced ones): the default, every management event. */
  eventSelectors?: {
    readWriteType?: 'ReadOnly' | 'WriteOnly' | 'All';
    includeManagementEvents?: boolean;
    excludeManagementEventSources?: string[];
  }[];
  advancedEventSelectors?: { name?: string; fieldSelectors: { field: string; equals?: string[]; notEquals?: string[] }[] }[];
}

export interface GuardDutyFindingSpec {
  type?: string;
  /** 1.0–10.0: Low below 4, Medium below 7, High below 9, Critical from 9. */
  severity: number;
  /** When it was first seen. */
  age: Age;
  archived?: boolean;
}

/** A GuardDuty detector in one region. */
export interface GuardDutySpec {
  region: string;
  status?: 'ENABLED' | 'SUSPENDED';
  findings?: GuardDutyFindingSpec[];
}

/** Security Hub enabled in one region, with its standard subscriptions. */
export interface SecurityHubSpec {
  region: string;
  /** A standard's ARN, or its path after `standards/` (e.g. `aws-foundational-security-best-practices/v/1.0.0`). */
  standards?: { standard: string; status?: 'PENDING' | 'READY' | 'FAILED' | 'DELETING' | 'INCOMPLETE' }[];
}

/** AWS Config's recorder (and delivery channel) in one region. */
export interface ConfigRecorderSpec {
  region: string;
  name?: string;
  /** Defaults to true. */
  recording?: boolean;
  /** Defaults to ALL_SUPPORTED_RESOURCE_TYPES. */
  strategy?: 'ALL_SUPPORTED_RESOURCE_TYPES' | 'INCLUSION_BY_RESOURCE_TYPES' | 'EXCLUSION_BY_RESOURCE_TYPES';
  /** The included types (INCLUSION) or excluded ones (EXCLUSION). */
  resourceTypes?: string[];
  includeGlobalResourceTypes?: boolean;
  lastStatus?: 'Pending' | 'Success' | 'Failure';
  /** Defaults to true: a delivery channel to an S3 bucket. */
  deliveryChannel?: boolean;
  deliveryStatus?: 'Success' | 'Failure';
}

export interface LogGroupSpec {
  name: string;
  region: string;
  /** Absent: events never expire. */
  retentionDays?:
    1 | 3 | 5 | 7 | 14 | 30 | 60 | 90 | 120 | 150 | 180 | 365 | 400 | 545 | 731 | 1096 | 1827 | 2192 | 2557 | 2922 | 3288 | 3653;
  /** An alias or key id of the account's keys in the group's region, or a key ARN. */
  kmsKey?: string;
  created?: Age;
}

/** The fields an account adds for these services. */
export interface MonitoringSpec {
  trails?: TrailSpec[];
  guardDuty?: GuardDutySpec[];
  securityHub?: SecurityHubSpec[];
  configRecorders?: ConfigRecorderSpec[];
  logGroups?: LogGroupSpec[];
}
