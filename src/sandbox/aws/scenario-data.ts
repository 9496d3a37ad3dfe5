import type { Age } from './scenario.js';

/**
 * Scenario fields of the data, backup, vulnerability and access services
 * (docs/sandbox-aws.md describes each). Defaults are those of a resource
 * created today with the console's defaults.
 */

export interface RdsInstanceSpec {
  id: string;
  region: string;
  /** Defaults to postgres; Aurora members name their cluster. */
  engine?: string;
  /** The DB cluster this instance belongs to (Aurora or Multi-AZ DB cluster). */
  cluster?: string;
  /** StorageEncrypted; defaults to true (as the console does). Members take their cluster's. */
  encrypted?: boolean;
  /** PubliclyAccessible; defaults to false. */
  public?: boolean;
  /** BackupRetentionPeriod in days; defaults to 7, 0 turns automated backups off. Members take their cluster's. */
  backupRetentionDays?: number;
  /** Age of the last AWS Backup recovery point; absent: AWS Backup does not protect it. */
  awsBackup?: Age;
}

export interface RdsClusterSpec {
  id: string;
  region: string;
  /** Defaults to aurora-postgresql; mysql or postgres make a Multi-AZ DB cluster. */
  engine?: string;
  encrypted?: boolean;
  /** Multi-AZ DB clusters only: Aurora clusters carry no PubliclyAccessible. */
  public?: boolean;
  backupRetentionDays?: number;
  awsBackup?: Age;
}

export interface RdsSnapshotSpec {
  id: string;
  region: string;
  /** The DB instance it was taken of; or `cluster` for a DB cluster snapshot. */
  instance?: string;
  cluster?: string;
  /** Account ids that may restore it; `all` makes it public. */
  sharedWith?: string[];
  created?: Age;
}

export interface DynamoTableSpec {
  name: string;
  region: string;
  pointInTimeRecovery?: boolean;
  /** 1–35; defaults to 35. */
  recoveryPeriodDays?: number;
  awsBackup?: Age;
}

/** Any other resource AWS Backup protects (an EBS volume), by ARN. */
export interface BackupProtectedSpec {
  resourceArn: string;
  resourceType?: string;
  lastBackup: Age;
}

export interface InspectorSpec {
  /** Regions where Inspector is on; every other region answers DISABLED. */
  regions: { region: string; ec2?: boolean; ecr?: boolean; lambda?: boolean }[];
  findings?: {
    region: string;
    severity: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL' | 'UNTRIAGED';
    status?: 'ACTIVE' | 'SUPPRESSED' | 'CLOSED';
    firstObserved: Age;
    title?: string;
    resource?: string;
  }[];
}

export interface ManagedNodeSpec {
  /** `i-…` for an EC2 instance, `mi-…` for a hybrid node. */
  id: string;
  region: string;
  ping?: 'Online' | 'ConnectionLost' | 'Inactive';
  platform?: 'Linux' | 'Windows' | 'MacOS';
  /** Patch compliance; absent: never scanned, no compliance summary. */
  patch?: 'COMPLIANT' | 'NON_COMPLIANT';
  /** Missing or failed patches of a NON_COMPLIANT node; defaults to 1. */
  missing?: number;
}

export interface AnalyzerSpec {
  name: string;
  region: string;
  type?:
    | 'ACCOUNT'
    | 'ORGANIZATION'
    | 'ACCOUNT_UNUSED_ACCESS'
    | 'ORGANIZATION_UNUSED_ACCESS'
    | 'ACCOUNT_INTERNAL_ACCESS'
    | 'ORGANIZATION_INTERNAL_ACCESS';
  status?: 'ACTIVE' | 'CREATING' | 'DISABLED' | 'FAILED';
  findings?: {
    resource: string;
    resourceType: string;
    status?: 'ACTIVE' | 'ARCHIVED' | 'RESOLVED';
    public?: boolean;
    principal?: string;
  }[];
}
