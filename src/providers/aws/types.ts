import type { AccessAnalyzerFacts } from './accessanalyzer-facts.js';
import type { BackupFacts } from './backup-facts.js';
import type { DynamoDbFacts } from './dynamodb-facts.js';
import type { IdentityCenterFacts, IdentityCenterOptions } from './identity-center-facts.js';
import type { InspectorFacts } from './inspector-facts.js';
import type { RdsFacts } from './rds-facts.js';
import type { SsmFacts } from './ssm-facts.js';
import type {
  EbsEncryptionByDefault,
  EbsSnapshot,
  EbsVolume,
  Ec2Instance,
  FlowLog,
  NetworkInterface,
  SecurityGroupRef,
  SecurityGroupRule,
  Vpc,
} from './ec2-types.js';

export type * from './ec2-types.js';
import type { MonitoringFacts, MonitoringService } from './monitoring-types.js';

/**
 * The AWS facts checks read (`ctx.aws.…`) and the plain-JSON shapes they
 * answer with. Every shape is what the fetcher stores in the snapshot, so it
 * holds strings for dates and decoded policy documents, never SDK objects.
 */

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

/** One row of the IAM credential report; `null` where the report says N/A or no_information. */
export interface CredentialReportUser {
  user: string;
  arn: string;
  isRoot: boolean;
  userCreationTime: string | null;
  /** `null` when the report says not_supported (the root row of reports before root passwords could be removed centrally). */
  passwordEnabled: boolean | null;
  passwordLastUsed: string | null;
  passwordLastChanged: string | null;
  mfaActive: boolean;
  accessKeys: AccessKeyReport[];
}

export interface AccessKeyReport {
  slot: 1 | 2;
  active: boolean;
  lastRotated: string | null;
  lastUsedDate: string | null;
  lastUsedService: string | null;
}

export interface CredentialReport {
  generatedTime: string | null;
  users: CredentialReportUser[];
}

export interface PasswordPolicy {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  ExpirePasswords?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** A policy document as JSON (decoded from the URL-encoded form IAM returns). */
export type PolicyDocument = Record<string, unknown>;

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export interface AttachedPolicy {
  name: string;
  arn: string;
}

export interface IamPrincipalDetail {
  name: string;
  arn: string;
  path: string;
  attachedPolicies: AttachedPolicy[];
  inlinePolicies: InlinePolicy[];
}

export interface IamUserDetail extends IamPrincipalDetail {
  groups: string[];
}

export interface ManagedPolicyDetail {
  name: string;
  arn: string;
  attachmentCount: number;
  defaultVersionId: string;
  /** The default version's document. */
  document: PolicyDocument;
}

/** GetAccountAuthorizationDetails, every page, customer-managed policies only (AWS-managed ones are known by ARN). */
export interface AuthorizationDetails {
  users: IamUserDetail[];
  groups: IamPrincipalDetail[];
  roles: IamPrincipalDetail[];
  policies: ManagedPolicyDetail[];
}

export interface VirtualMfaDevice {
  serialNumber: string;
  userArn: string | null;
}

export interface Bucket {
  name: string;
  arn: string;
  creationDate: string | null;
  /** The region ListBuckets reported, when it did. */
  region: string | null;
}

export interface BucketEncryption {
  /** `blockedEncryptionTypes`: what the rule refuses (`SSE-C`); empty when the answer names none. */
  rules: { algorithm: string | null; kmsKeyId: string | null; bucketKeyEnabled: boolean | null; blockedEncryptionTypes?: string[] }[];
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface BucketVersioning {
  status: string | null;
  mfaDelete: string | null;
}

export interface BucketLogging {
  enabled: boolean;
  targetBucket: string | null;
  targetPrefix: string | null;
}

export interface KmsKeyRef {
  keyId: string;
  keyArn: string;
}

export interface KmsKeyDescription {
  keyId: string;
  arn: string;
  keyManager: string | null;
  keySpec: string | null;
  keyUsage: string | null;
  keyState: string | null;
  origin: string | null;
  description: string | null;
}

export interface KmsKeyRotation {
  enabled: boolean;
  rotationPeriodInDays: number | null;
}

export interface AwsFacts {
  sts: { callerIdentity(): Promise<CallerIdentity> };
  iam: {
    accountSummary(): Promise<Record<string, number>>;
    credentialReport(): Promise<CredentialReport>;
    /** `null` when the account has none (NoSuchEntity). */
    passwordPolicy(): Promise<PasswordPolicy | null>;
    authorizationDetails(): Promise<AuthorizationDetails>;
    virtualMfaDevices(): Promise<VirtualMfaDevice[]>;
  };
  /** Configured regions, or every enabled region (ec2:DescribeRegions). */
  regions(): Promise<string[]>;
  s3: {
    buckets(): Promise<Bucket[]>;
    bucketRegion(bucket: string): Promise<string>;
    /** `null` when the bucket has no default encryption configured. */
    bucketEncryption(bucket: string): Promise<BucketEncryption | null>;
    /** `null` when the bucket has no policy (NoSuchBucketPolicy). */
    bucketPolicy(bucket: string): Promise<PolicyDocument | null>;
    /** `null` when the bucket has no block configured. */
    publicAccessBlock(bucket: string): Promise<PublicAccessBlock | null>;
    /** `null` when the account has no block configured (S3 Control). */
    accountPublicAccessBlock(): Promise<PublicAccessBlock | null>;
    versioning(bucket: string): Promise<BucketVersioning>;
    logging(bucket: string): Promise<BucketLogging>;
  };
  kms: {
    keys(region: string): Promise<KmsKeyRef[]>;
    describeKey(region: string, keyId: string): Promise<KmsKeyDescription>;
    rotation(region: string, keyId: string): Promise<KmsKeyRotation>;
    keyPolicy(region: string, keyId: string): Promise<PolicyDocument | null>;
  };
  rds: RdsFacts;
  dynamodb: DynamoDbFacts;
  backup: BackupFacts;
  inspector: InspectorFacts;
  ssm: SsmFacts;
  accessAnalyzer: AccessAnalyzerFacts;
  ebs: {
    encryptionByDefault(region: string): Promise<EbsEncryptionByDefault>;
    volumes(region: string): Promise<EbsVolume[]>;
    /** The account's own snapshots, each with whether the group `all` may restore it. */
    snapshots(region: string): Promise<EbsSnapshot[]>;
  };
  ec2: {
    securityGroupRules(region: string): Promise<SecurityGroupRule[]>;
    /** The security groups named `default` (one per VPC). */
    defaultSecurityGroups(region: string): Promise<SecurityGroupRef[]>;
    networkInterfaces(region: string): Promise<NetworkInterface[]>;
    instances(region: string): Promise<Ec2Instance[]>;
  };
  vpc: {
    vpcs(region: string): Promise<Vpc[]>;
    flowLogs(region: string): Promise<FlowLog[]>;
  };
  cloudtrail: MonitoringFacts['cloudtrail'];
  config: MonitoringFacts['config'];
  guardduty: MonitoringFacts['guardduty'];
  securityhub: MonitoringFacts['securityhub'];
  logs: MonitoringFacts['logs'];
  identityCenter: IdentityCenterFacts;
}

/** What a target carries: never a credential. */
export interface AwsTargetOptions {
  accountId: string;
  partition: string;
  /** Region for global services and the default client region. */
  homeRegion: string;
  regions?: string[];
  profile?: string;
  roleArn?: string;
  externalId?: string;
  sessionName?: string;
  /** Set for sandbox targets: the clients use the emulator's fixed fake credentials. */
  sandbox?: boolean;
  /** Endpoints by service (sandbox, or explicit); otherwise the SDK's own endpoint resolution applies. */
  endpoints?: Partial<Record<AwsService, string>>;
  /** Host names the clients resolve themselves, `*.suffix` for every name under one (the sandbox hands `*.localhost`). */
  hosts?: Record<string, string>;
  /** Where IAM Identity Center is read (`aws.identityCenter`). */
  identityCenter?: IdentityCenterOptions;
  /** Set on a shard's share of the account (`scan --shard`): see shard-split.ts for what the share holds. */
  split?: { index: number; count: number };
}

export type AwsService =
  | 'iam'
  | 'sts'
  | 's3'
  | 's3control'
  | 'kms'
  | 'ec2'
  | 'organizations'
  | 'rds'
  | 'dynamodb'
  | 'backup'
  | 'inspector2'
  | 'ssm'
  | 'accessanalyzer'
  | 'sso-admin'
  | 'identitystore'
  | MonitoringService;

declare module '../../core/check.js' {
  interface ProviderFacts {
    aws: AwsFacts;
  }
}
