import { expectShape } from '../../core/answer-shape.js';
import type { CallRecorder } from '../../core/facts.js';
import { answerSchema } from './answers.js';
import type { AwsService } from './types.js';

/**
 * Every SDK command the AWS source sends, by `<service>:<CommandName>`, with
 * the IAM action that authorises it. The names differ where AWS says so
 * (GetBucketEncryption is authorised by s3:GetEncryptionConfiguration), and
 * a denied call is reported with the action, so that the user knows what to
 * grant. docs/aws-permissions.md is kept identical to these values by a test.
 */
export const ACTIONS: Readonly<Record<string, string>> = {
  'sts:GetCallerIdentityCommand': 'sts:GetCallerIdentity',
  'iam:GetAccountSummaryCommand': 'iam:GetAccountSummary',
  'iam:GenerateCredentialReportCommand': 'iam:GenerateCredentialReport',
  'iam:GetCredentialReportCommand': 'iam:GetCredentialReport',
  'iam:GetAccountPasswordPolicyCommand': 'iam:GetAccountPasswordPolicy',
  'iam:GetAccountAuthorizationDetailsCommand': 'iam:GetAccountAuthorizationDetails',
  'iam:ListVirtualMFADevicesCommand': 'iam:ListVirtualMFADevices',
  'ec2:DescribeRegionsCommand': 'ec2:DescribeRegions',
  'ec2:GetEbsEncryptionByDefaultCommand': 'ec2:GetEbsEncryptionByDefault',
  'ec2:DescribeVolumesCommand': 'ec2:DescribeVolumes',
  'ec2:DescribeSnapshotsCommand': 'ec2:DescribeSnapshots',
  'ec2:DescribeSecurityGroupRulesCommand': 'ec2:DescribeSecurityGroupRules',
  'ec2:DescribeSecurityGroupsCommand': 'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkInterfacesCommand': 'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeInstancesCommand': 'ec2:DescribeInstances',
  'ec2:DescribeVpcsCommand': 'ec2:DescribeVpcs',
  'ec2:DescribeFlowLogsCommand': 'ec2:DescribeFlowLogs',
  'organizations:ListAccountsCommand': 'organizations:ListAccounts',
  's3:ListBucketsCommand': 's3:ListAllMyBuckets',
  's3:GetBucketLocationCommand': 's3:GetBucketLocation',
  's3:GetBucketEncryptionCommand': 's3:GetEncryptionConfiguration',
  's3:GetBucketPolicyCommand': 's3:GetBucketPolicy',
  's3:GetPublicAccessBlockCommand': 's3:GetBucketPublicAccessBlock',
  's3control:GetPublicAccessBlockCommand': 's3:GetAccountPublicAccessBlock',
  's3:GetBucketVersioningCommand': 's3:GetBucketVersioning',
  's3:GetBucketLoggingCommand': 's3:GetBucketLogging',
  'kms:ListKeysCommand': 'kms:ListKeys',
  'kms:DescribeKeyCommand': 'kms:DescribeKey',
  'kms:GetKeyRotationStatusCommand': 'kms:GetKeyRotationStatus',
  'kms:GetKeyPolicyCommand': 'kms:GetKeyPolicy',
  'rds:DescribeDBInstancesCommand': 'rds:DescribeDBInstances',
  'rds:DescribeDBClustersCommand': 'rds:DescribeDBClusters',
  'rds:DescribeDBSnapshotsCommand': 'rds:DescribeDBSnapshots',
  'rds:DescribeDBClusterSnapshotsCommand': 'rds:DescribeDBClusterSnapshots',
  'rds:DescribeDBSnapshotAttributesCommand': 'rds:DescribeDBSnapshotAttributes',
  'rds:DescribeDBClusterSnapshotAttributesCommand': 'rds:DescribeDBClusterSnapshotAttributes',
  'dynamodb:ListTablesCommand': 'dynamodb:ListTables',
  'dynamodb:DescribeContinuousBackupsCommand': 'dynamodb:DescribeContinuousBackups',
  'backup:ListProtectedResourcesCommand': 'backup:ListProtectedResources',
  'inspector2:BatchGetAccountStatusCommand': 'inspector2:BatchGetAccountStatus',
  'inspector2:ListFindingsCommand': 'inspector2:ListFindings',
  'ssm:DescribeInstanceInformationCommand': 'ssm:DescribeInstanceInformation',
  'ssm:ListResourceComplianceSummariesCommand': 'ssm:ListResourceComplianceSummaries',
  'accessanalyzer:ListAnalyzersCommand': 'access-analyzer:ListAnalyzers',
  'accessanalyzer:ListFindingsCommand': 'access-analyzer:ListFindings',
  'cloudtrail:DescribeTrailsCommand': 'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatusCommand': 'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectorsCommand': 'cloudtrail:GetEventSelectors',
  'config:DescribeConfigurationRecordersCommand': 'config:DescribeConfigurationRecorders',
  'config:DescribeConfigurationRecorderStatusCommand': 'config:DescribeConfigurationRecorderStatus',
  'config:DescribeDeliveryChannelStatusCommand': 'config:DescribeDeliveryChannelStatus',
  'guardduty:ListDetectorsCommand': 'guardduty:ListDetectors',
  'guardduty:GetDetectorCommand': 'guardduty:GetDetector',
  'guardduty:ListFindingsCommand': 'guardduty:ListFindings',
  'guardduty:GetFindingsCommand': 'guardduty:GetFindings',
  'securityhub:DescribeHubCommand': 'securityhub:DescribeHub',
  'securityhub:GetEnabledStandardsCommand': 'securityhub:GetEnabledStandards',
  'logs:DescribeLogGroupsCommand': 'logs:DescribeLogGroups',
  'sso-admin:ListInstancesCommand': 'sso:ListInstances',
  'sso-admin:ListPermissionSetsProvisionedToAccountCommand': 'sso:ListPermissionSetsProvisionedToAccount',
  'sso-admin:DescribePermissionSetCommand': 'sso:DescribePermissionSet',
  'sso-admin:ListAccountAssignmentsCommand': 'sso:ListAccountAssignments',
  'identitystore:ListGroupMembershipsCommand': 'identitystore:ListGroupMemberships',
};

/**
 * Called by the scanner's own credential chain, not inside the scanned
 * account's read-only policy: the role to assume must trust the caller.
 */
export const CALLER_ACTIONS = ['sts:AssumeRole'] as const;

export function actionFor(service: AwsService, command: object): string {
  const name = `${service}:${command.constructor.name}`;
  const action = ACTIONS[name];
  if (!action) throw new Error(`no IAM action known for ${name}: add it to ACTIONS and docs/aws-permissions.md`);
  return action;
}

/** What `client.send` takes beside the command: the call's deadline as an abort signal. */
export interface SendOptions {
  abortSignal: AbortSignal;
}

/**
 * Sends one command through the fact's recorder, logged under the IAM action
 * it needs (the `operation` of the call record, and the permission a
 * classifier names when it is denied), and checks the answer's documented
 * shape (ANSWERS) before anyone reads it.
 */
export function send<C extends object, O>(
  rec: CallRecorder,
  service: AwsService,
  command: C,
  dispatch: (command: C, options: SendOptions) => Promise<O>,
  about?: string,
): Promise<O> {
  const operation = actionFor(service, command);
  const schema = answerSchema(`${service}:${command.constructor.name}`);
  return rec.call({ operation, target: about, pool: `aws.${service}` }, async (abortSignal) =>
    expectShape<O>(operation, schema, await dispatch(command, { abortSignal })),
  );
}
