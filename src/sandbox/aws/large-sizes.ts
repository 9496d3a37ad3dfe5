import type { Pick } from '../generate/pick.js';
import type { AccountSpec } from './scenario.js';

/**
 * The sizes of a generated account (src/sandbox/aws/large.ts) and the
 * signature of one service's part of it. Kept apart from large.ts so that
 * each service's part lives in a file of its own.
 */

/**
 * Resources per region of the services that are judged region by region
 * (EC2, EBS, VPC, CloudWatch Logs, RDS, DynamoDB); the services with one
 * setting per region (CloudTrail, GuardDuty, Config, Security Hub,
 * Inspector, Access Analyzer) follow a fixed layout over the regions.
 */
export interface RegionalSizes {
  /** The first is the region's default VPC. */
  vpcs: number;
  /** Besides each VPC's default group. */
  securityGroups: number;
  instances: number;
  /** One root volume per instance first, the rest unattached. */
  volumes: number;
  snapshots: number;
  logGroups: number;
  /** Stand-alone DB instances; each cluster adds two member instances. */
  rdsInstances: number;
  rdsClusters: number;
  /** Manual snapshots (every fifth of a cluster when there are clusters). */
  rdsSnapshots: number;
  dynamoTables: number;
}

/** aws-large's: more than one page of log groups (50), a few of everything else. */
export const LARGE_REGIONAL: RegionalSizes = {
  vpcs: 2,
  securityGroups: 6,
  instances: 10,
  volumes: 14,
  snapshots: 6,
  logGroups: 55,
  rdsInstances: 3,
  rdsClusters: 1,
  rdsSnapshots: 5,
  dynamoTables: 6,
};

export interface LargeSizes {
  users: number;
  policies: number;
  buckets: number;
  keysPerRegion: number;
  /** Default 12. */
  roles?: number;
  /** How many of the estate's regions the account enables, buckets and keys spread over (default 2). */
  regions?: number;
  /** Default LARGE_REGIONAL. */
  perRegion?: RegionalSizes;
}

/** The generated account's id. */
export const LARGE_ACCOUNT = '555566667777';

/**
 * One service's share of the generated account. A service added to the
 * sandbox adds its part to ACCOUNT_PARTS (large.ts); the parts' keys must
 * not overlap.
 */
export type AccountPart = (sizes: LargeSizes, regions: string[], pick: Pick) => Partial<AccountSpec>;

export const pad = (i: number) => String(i).padStart(3, '0');

/** `count` items of one region, numbered from 0. */
export const times = <T>(count: number, make: (i: number) => T): T[] => Array.from({ length: count }, (_, i) => make(i));

/** A resource id of EC2's shape (`vpc-`, `i-`, `vol-`, `snap-` and 17 hex digits), from the region's index and the item's. */
export const ec2Id = (prefix: string, regionIndex: number, i: number) =>
  `${prefix}-${regionIndex.toString(16)}${i.toString(16).padStart(16, '0')}`;
