import { createRequire } from 'node:module';
import type * as Accessanalyzer from '@aws-sdk/client-accessanalyzer';
import type * as Backup from '@aws-sdk/client-backup';
import type * as Cloudtrail from '@aws-sdk/client-cloudtrail';
import type * as CloudwatchLogs from '@aws-sdk/client-cloudwatch-logs';
import type * as ConfigService from '@aws-sdk/client-config-service';
import type * as Dynamodb from '@aws-sdk/client-dynamodb';
import type * as Ec2 from '@aws-sdk/client-ec2';
import type * as Guardduty from '@aws-sdk/client-guardduty';
import type * as Iam from '@aws-sdk/client-iam';
import type * as Identitystore from '@aws-sdk/client-identitystore';
import type * as Inspector2 from '@aws-sdk/client-inspector2';
import type * as Kms from '@aws-sdk/client-kms';
import type * as Organizations from '@aws-sdk/client-organizations';
import type * as Rds from '@aws-sdk/client-rds';
import type * as S3 from '@aws-sdk/client-s3';
import type * as S3Control from '@aws-sdk/client-s3-control';
import type * as Securityhub from '@aws-sdk/client-securityhub';
import type * as Ssm from '@aws-sdk/client-ssm';
import type * as SsoAdmin from '@aws-sdk/client-sso-admin';
import type * as Sts from '@aws-sdk/client-sts';
import type * as CredentialProviders from '@aws-sdk/credential-providers';

/** The AWS SDK packages annexa reads with, each with its exports' types. */
interface Packages {
  '@aws-sdk/client-accessanalyzer': typeof Accessanalyzer;
  '@aws-sdk/client-backup': typeof Backup;
  '@aws-sdk/client-cloudtrail': typeof Cloudtrail;
  '@aws-sdk/client-cloudwatch-logs': typeof CloudwatchLogs;
  '@aws-sdk/client-config-service': typeof ConfigService;
  '@aws-sdk/client-dynamodb': typeof Dynamodb;
  '@aws-sdk/client-ec2': typeof Ec2;
  '@aws-sdk/client-guardduty': typeof Guardduty;
  '@aws-sdk/client-iam': typeof Iam;
  '@aws-sdk/client-identitystore': typeof Identitystore;
  '@aws-sdk/client-inspector2': typeof Inspector2;
  '@aws-sdk/client-kms': typeof Kms;
  '@aws-sdk/client-organizations': typeof Organizations;
  '@aws-sdk/client-rds': typeof Rds;
  '@aws-sdk/client-s3': typeof S3;
  '@aws-sdk/client-s3-control': typeof S3Control;
  '@aws-sdk/client-securityhub': typeof Securityhub;
  '@aws-sdk/client-ssm': typeof Ssm;
  '@aws-sdk/client-sso-admin': typeof SsoAdmin;
  '@aws-sdk/client-sts': typeof Sts;
  '@aws-sdk/credential-providers': typeof CredentialProviders;
}

const load = createRequire(import.meta.url);

/**
 * An AWS SDK package, loaded with require(). Each client ships as one
 * CommonJS file (EC2's is 2 MB): imported from an ES module, node would also
 * keep a second copy of that source and lex it for its export names. For the
 * packages below that is 32 MB more resident memory, 10 MB of it heap, for the
 * whole scan (docs/benchmark.md, "Memory").
 */
export function sdk<P extends keyof Packages>(name: P): Packages[P] {
  return load(name) as Packages[P];
}
