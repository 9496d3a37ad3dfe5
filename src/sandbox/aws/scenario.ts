import type { InjectRule } from '../faults.js';
import type {
  AnalyzerSpec,
  BackupProtectedSpec,
  DynamoTableSpec,
  InspectorSpec,
  ManagedNodeSpec,
  RdsClusterSpec,
  RdsInstanceSpec,
  RdsSnapshotSpec,
} from './scenario-data.js';
import type { MonitoringSpec } from './scenario-monitoring.js';
import type { IdentityCenterSpec } from './scenario-identity-center.js';

/**
 * The `aws:` section of a scenario, as schemas/scenario-aws.schema.json
 * describes it (docs/sandbox-aws.md explains every field). Times are ages
 * relative to the moment the sandbox starts, so a scenario never goes stale.
 */

import type { Ec2AccountSpec } from './scenario-ec2.js';

/** How long ago: `{ days: 120 }` (hours and minutes allowed), or an absolute ISO 8601 instant. */
export type Age = { days?: number; hours?: number; minutes?: number } | string;

/** An IAM policy document written as a YAML/JSON object. */
export type PolicyDocument = Record<string, unknown>;

/** Denial of an action (glob, e.g. `s3:GetEncryptionConfiguration`, `kms:*`), optionally on resources only (ARN glob). */
export type DenyRule = string | { action: string; resource?: string };

export interface LastUse {
  /** When it was last used. Absent: never used. */
  ago?: Age;
  service?: string;
  region?: string;
}

export interface AccessKeySpec {
  /** Defaults to true. */
  active?: boolean;
  /** Age of the key (its creation and last rotation). */
  age: Age;
  lastUsed?: LastUse;
}

export interface MfaDeviceSpec {
  type: 'virtual' | 'hardware';
  /** Device name (virtual) or serial (hardware); generated when absent. */
  name?: string;
  enabled?: Age;
}

export interface ConsoleSpec {
  /** When the password was last used; absent: never. */
  lastUsed?: Age;
  /** When the password was last changed; defaults to the user's creation. */
  changed?: Age;
}

/** A policy reference: a customer-managed policy's name in the same account, an AWS-managed policy's name, or a full ARN. */
export type PolicyRef = string;

export interface UserSpec {
  name: string;
  path?: string;
  created?: Age;
  /** Console access (a login profile); absent: no password. */
  console?: ConsoleSpec;
  mfa?: MfaDeviceSpec[];
  /** At most two, as in IAM. */
  accessKeys?: AccessKeySpec[];
  groups?: string[];
  policies?: PolicyRef[];
  inlinePolicies?: Record<string, PolicyDocument>;
  tags?: Record<string, string>;
}

export interface GroupSpec {
  name: string;
  path?: string;
  created?: Age;
  policies?: PolicyRef[];
  inlinePolicies?: Record<string, PolicyDocument>;
}

export interface RoleSpec {
  name: string;
  path?: string;
  description?: string;
  created?: Age;
  /** The trust policy; defaults to trusting the account's root. */
  trust?: PolicyDocument;
  /** When set, AssumeRole must pass this ExternalId. */
  externalId?: string;
  lastUsed?: { ago: Age; region?: string };
  policies?: PolicyRef[];
  inlinePolicies?: Record<string, PolicyDocument>;
  tags?: Record<string, string>;
}

export interface ManagedPolicySpec {
  name: string;
  path?: string;
  description?: string;
  created?: Age;
  /** The default version's id; defaults to v1. */
  version?: string;
  document: PolicyDocument;
}

export interface RootSpec {
  mfa?: 'virtual' | 'hardware' | 'none';
  accessKeys?: AccessKeySpec[];
  passwordLastUsed?: Age;
  /** `false`: the root password was removed (centralised root access in Organizations); default true. */
  password?: boolean;
}

export interface PasswordPolicySpec {
  minimumLength?: number;
  requireSymbols?: boolean;
  requireNumbers?: boolean;
  requireUppercase?: boolean;
  requireLowercase?: boolean;
  allowUsersToChange?: boolean;
  /** Days; absent: passwords never expire. */
  maxAgeDays?: number;
  reusePrevention?: number;
  hardExpiry?: boolean;
}

export interface PublicAccessBlockSpec {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface BucketSpec {
  name: string;
  region: string;
  created?: Age;
  /** Default encryption; `none` answers ServerSideEncryptionConfigurationNotFoundError. Defaults to SSE-S3 like new buckets since 2023. */
  encryption?: 'none' | { algorithm: 'AES256' | 'aws:kms' | 'aws:kms:dsse'; key?: string; bucketKey?: boolean; blockSseC?: boolean };
  policy?: PolicyDocument;
  /** `true` blocks all four; absent: no bucket-level configuration. */
  publicAccessBlock?: true | PublicAccessBlockSpec;
  versioning?: 'Enabled' | 'Suspended';
  mfaDelete?: boolean;
  logging?: { targetBucket: string; targetPrefix?: string };
}

export interface KmsKeySpec {
  /** Key id (a UUID); generated from the alias or index when absent. */
  id?: string;
  region: string;
  aliases?: string[];
  description?: string;
  manager?: 'CUSTOMER' | 'AWS';
  spec?: string;
  usage?: 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY' | 'GENERATE_VERIFY_MAC' | 'KEY_AGREEMENT';
  state?: 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport' | 'Unavailable';
  origin?: 'AWS_KMS' | 'EXTERNAL' | 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE';
  /** Automatic rotation of a customer key; AWS-managed keys always rotate yearly. */
  rotation?: boolean;
  rotationPeriodDays?: number;
  created?: Age;
  /** The default key policy; defaults to the account-root policy KMS writes. */
  policy?: PolicyDocument;
}

export interface AccountSpec extends Ec2AccountSpec, MonitoringSpec {
  id: string;
  alias?: string;
  /** Organisation account name and email (ListAccounts). */
  name?: string;
  email?: string;
  /** Enabled regions (DescribeRegions). */
  regions: string[];
  /** The principal that unknown credentials act as; defaults to user/annexa-scanner. */
  caller?: string;
  root?: RootSpec;
  passwordPolicy?: PasswordPolicySpec;
  users?: UserSpec[];
  groups?: GroupSpec[];
  roles?: RoleSpec[];
  policies?: ManagedPolicySpec[];
  publicAccessBlock?: true | PublicAccessBlockSpec;
  buckets?: BucketSpec[];
  kmsKeys?: KmsKeySpec[];
  deny?: DenyRule[];
  rds?: { instances?: RdsInstanceSpec[]; clusters?: RdsClusterSpec[]; snapshots?: RdsSnapshotSpec[] };
  dynamodbTables?: DynamoTableSpec[];
  backupProtected?: BackupProtectedSpec[];
  inspector?: InspectorSpec;
  managedNodes?: ManagedNodeSpec[];
  accessAnalyzers?: AnalyzerSpec[];
}

export interface FaultsSpec {
  /** Added to every answer, in milliseconds (a fixed value or a range). */
  latencyMs?: number | { min: number; max: number };
  /** Answers this share of calls (0..100) with the protocol's throttling error. */
  throttle?: { percent: number; actions?: string[]; seed?: number };
  /** After each GenerateCredentialReport, this many GetCredentialReport calls answer ReportInProgress. */
  reportInProgress?: number;
  /** Successful answers of matching operations spoiled on the wire: an empty body, the first half of it, or without the fields named in `drop`. */
  answers?: { actions: string[]; body?: 'empty' | 'truncated'; drop?: string[] }[];
  /** Per-request faults with seeded chances, matched on `service:Operation` globs (see src/sandbox/faults.ts). */
  inject?: InjectRule[];
}

export interface AwsScenario {
  /** Region of the global endpoints and of clients without one; defaults to the first account's first region. */
  homeRegion?: string;
  /** The first account is the caller's. */
  accounts: AccountSpec[];
  /** Present when the accounts form an AWS Organization (ListAccounts answers). */
  organization?: { id?: string; managementAccount?: string };
  deny?: DenyRule[];
  faults?: FaultsSpec;
  /** Enforce the real services' request quotas (src/sandbox/aws/rate-limits.ts, docs/benchmark.md). */
  rateLimits?: boolean;
  /** IAM Identity Center: users, groups and permission sets assigned to the accounts. */
  identityCenter?: IdentityCenterSpec;
}
