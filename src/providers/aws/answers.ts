import { FactError } from '../../core/facts.js';
import { bool, int, list, num, obj, oneOfFields, present, str, type Schema } from '../../core/answer-shape.js';

/**
 * The documented shape of each answer the AWS source reads, by the same
 * `<service>:<CommandName>` keys as ACTIONS: what the SDK's output must hold
 * before it becomes a fact (AWS API Reference, "Response Elements").
 *
 * The SDK deserialises an empty body, and an empty XML element, as `{}`; it
 * deserialises an empty list element (`<Users/>`) as `[]` and an absent one
 * as no field. So a list that the service always sends is required here,
 * and `[]` is then a fact the service stated. IAM's paginated answers always
 * carry `IsTruncated`, KMS's ListKeys `Truncated`: requiring them tells an
 * answer apart from an empty or foreign body. Answers whose every field is
 * optional by design (an unversioned bucket's `<VersioningConfiguration/>`,
 * logging off, us-east-1's empty LocationConstraint) are told apart from an
 * empty body by the raw response instead: see `refuseEmptyBodies`.
 */
export const ANSWERS: Readonly<Record<string, Schema>> = {
  'sts:GetCallerIdentityCommand': obj({ Account: str, Arn: str, UserId: str }),
  'iam:GetAccountSummaryCommand': obj({ SummaryMap: obj({}) }),
  'iam:GenerateCredentialReportCommand': obj({ State: str }),
  'iam:GetCredentialReportCommand': obj({ Content: present }),
  'iam:GetAccountPasswordPolicyCommand': obj({ PasswordPolicy: obj({}) }),
  'iam:GetAccountAuthorizationDetailsCommand': obj({
    IsTruncated: bool,
    // IAM sends a principal's group and attached-policy lists even when empty; an absent one would hide
    // an administrator behind a group or a policy, so it is malformed.
    UserDetailList: list(obj({ UserName: str, Arn: str, GroupList: list(str), AttachedManagedPolicies: list() })),
    GroupDetailList: list(obj({ GroupName: str, Arn: str, AttachedManagedPolicies: list() })),
    RoleDetailList: list(obj({ RoleName: str, Arn: str, AttachedManagedPolicies: list() })),
    Policies: list(obj({ PolicyName: str, Arn: str, DefaultVersionId: str, PolicyVersionList: list() })),
  }),
  'iam:ListVirtualMFADevicesCommand': obj({ IsTruncated: bool, VirtualMFADevices: list(obj({ SerialNumber: str })) }),
  'ec2:DescribeRegionsCommand': obj({ Regions: list(obj({ RegionName: str })) }),
  'ec2:GetEbsEncryptionByDefaultCommand': obj({ EbsEncryptionByDefault: bool }),
  'ec2:DescribeVolumesCommand': obj({ Volumes: list(obj({ VolumeId: str, State: str, Encrypted: bool })) }),
  'ec2:DescribeSnapshotsCommand': obj({ Snapshots: list(obj({ SnapshotId: str, Encrypted: bool })) }),
  'ec2:DescribeSecurityGroupRulesCommand': obj({
    SecurityGroupRules: list(obj({ SecurityGroupRuleId: str, GroupId: str, IsEgress: bool, IpProtocol: str })),
  }),
  'ec2:DescribeSecurityGroupsCommand': obj({ SecurityGroups: list(obj({ GroupId: str, GroupName: str })) }),
  'ec2:DescribeNetworkInterfacesCommand': obj({
    NetworkInterfaces: list(obj({ NetworkInterfaceId: str, Groups: list(obj({ GroupId: str })) })),
  }),
  'ec2:DescribeInstancesCommand': obj({ Reservations: list(obj({ Instances: list(obj({ InstanceId: str })) })) }),
  'ec2:DescribeVpcsCommand': obj({ Vpcs: list(obj({ VpcId: str })) }),
  'ec2:DescribeFlowLogsCommand': obj({ FlowLogs: list(obj({ FlowLogId: str, ResourceId: str })) }),
  'organizations:ListAccountsCommand': obj({ Accounts: list(obj({ Id: str })) }),
  's3:ListBucketsCommand': obj({ Buckets: list(obj({ Name: str })) }),
  's3:GetBucketLocationCommand': obj({}),
  's3:GetBucketEncryptionCommand': obj({ ServerSideEncryptionConfiguration: obj({ Rules: list(obj({})) }) }),
  's3:GetBucketPolicyCommand': obj({ Policy: str }),
  's3:GetPublicAccessBlockCommand': obj({ PublicAccessBlockConfiguration: obj({}) }),
  's3control:GetPublicAccessBlockCommand': obj({ PublicAccessBlockConfiguration: obj({}) }),
  's3:GetBucketVersioningCommand': obj({}),
  's3:GetBucketLoggingCommand': obj({}),
  'kms:ListKeysCommand': obj({ Truncated: bool, Keys: list(obj({ KeyId: str })) }),
  'kms:DescribeKeyCommand': obj({ KeyMetadata: obj({ KeyId: str, Arn: str, KeyManager: str, KeyState: str }) }),
  'kms:GetKeyRotationStatusCommand': obj({ KeyRotationEnabled: bool }),
  'kms:GetKeyPolicyCommand': obj({ Policy: str }),
  // RDS sends the list element even when empty; `Marker` only when there is a next page. The booleans and the
  // retention the checks judge are sent for every instance, cluster and snapshot (an empty member list as
  // `<DBClusterMembers/>`): one that is absent is malformed, never "private", "unencrypted" or "no backups".
  // Only a cluster's PubliclyAccessible is optional: Aurora clusters send none (their instances carry it).
  'rds:DescribeDBInstancesCommand': obj({
    DBInstances: list(
      obj({ DBInstanceIdentifier: str, DBInstanceArn: str, StorageEncrypted: bool, PubliclyAccessible: bool, BackupRetentionPeriod: int }),
    ),
  }),
  'rds:DescribeDBClustersCommand': obj({
    DBClusters: list(
      obj({ DBClusterIdentifier: str, DBClusterArn: str, StorageEncrypted: bool, BackupRetentionPeriod: int, DBClusterMembers: list() }),
    ),
  }),
  'rds:DescribeDBSnapshotsCommand': obj({ DBSnapshots: list(obj({ DBSnapshotIdentifier: str, DBSnapshotArn: str, Encrypted: bool })) }),
  'rds:DescribeDBClusterSnapshotsCommand': obj({
    DBClusterSnapshots: list(obj({ DBClusterSnapshotIdentifier: str, DBClusterSnapshotArn: str, StorageEncrypted: bool })),
  }),
  // An unshared snapshot's `restore` attribute carries an empty AttributeValues element, which the SDK reads as [].
  'rds:DescribeDBSnapshotAttributesCommand': obj({
    DBSnapshotAttributesResult: obj({ DBSnapshotAttributes: list(obj({ AttributeName: str, AttributeValues: list(str) })) }),
  }),
  'rds:DescribeDBClusterSnapshotAttributesCommand': obj({
    DBClusterSnapshotAttributesResult: obj({ DBClusterSnapshotAttributes: list(obj({ AttributeName: str, AttributeValues: list(str) })) }),
  }),
  'dynamodb:ListTablesCommand': obj({ TableNames: list(str) }),
  'dynamodb:DescribeContinuousBackupsCommand': obj({ ContinuousBackupsDescription: obj({ ContinuousBackupsStatus: str }) }),
  'backup:ListProtectedResourcesCommand': obj({ Results: list(obj({ ResourceArn: str })) }),
  'inspector2:BatchGetAccountStatusCommand': obj({ accounts: list(obj({ accountId: str, state: obj({ status: str }) })) }),
  'inspector2:ListFindingsCommand': obj({ findings: list(obj({ findingArn: str, firstObservedAt: present })) }),
  'ssm:DescribeInstanceInformationCommand': obj({ InstanceInformationList: list(obj({ InstanceId: str })) }),
  'ssm:ListResourceComplianceSummariesCommand': obj({
    ResourceComplianceSummaryItems: list(obj({ ResourceId: str, Status: str })),
  }),
  'accessanalyzer:ListAnalyzersCommand': obj({ analyzers: list(obj({ arn: str, name: str, type: str, status: str })) }),
  'accessanalyzer:ListFindingsCommand': obj({ findings: list(obj({ id: str, resourceType: str })) }),
  'cloudtrail:DescribeTrailsCommand': obj({ trailList: list(obj({ Name: str, TrailARN: str, HomeRegion: str })) }),
  'cloudtrail:GetTrailStatusCommand': obj({ IsLogging: bool }),
  // GetEventSelectors returns a trail's basic or its advanced selectors, one of the two (CloudTrail API Reference):
  // an answer with neither says nothing about what the trail records.
  'cloudtrail:GetEventSelectorsCommand': oneOfFields(
    obj(
      { TrailARN: str },
      { EventSelectors: list(obj({})), AdvancedEventSelectors: list(obj({ FieldSelectors: list(obj({ Field: str })) })) },
    ),
    ['EventSelectors', 'AdvancedEventSelectors'],
  ),
  // Config answers a customer managed recorder with its recording group, defaults filled in (allSupported
  // and the strategy): one without it would read as "records everything". Service-linked recorders are not judged.
  'config:DescribeConfigurationRecordersCommand': obj({
    ConfigurationRecorders: list({
      ...obj({ name: str }),
      if: { required: ['servicePrincipal'] },
      else: obj({ recordingGroup: obj({ allSupported: bool }) }),
    }),
  }),
  'config:DescribeConfigurationRecorderStatusCommand': obj({ ConfigurationRecordersStatus: list(obj({ name: str, recording: bool })) }),
  'config:DescribeDeliveryChannelStatusCommand': obj({ DeliveryChannelsStatus: list(obj({ name: str })) }),
  'guardduty:ListDetectorsCommand': obj({ DetectorIds: list(str) }),
  'guardduty:GetDetectorCommand': obj({ Status: str }),
  'guardduty:ListFindingsCommand': obj({ FindingIds: list(str) }),
  'guardduty:GetFindingsCommand': obj({ Findings: list(obj({ Id: str, Severity: num, Type: str, CreatedAt: str })) }),
  'securityhub:DescribeHubCommand': obj({ HubArn: str }),
  'securityhub:GetEnabledStandardsCommand': obj({ StandardsSubscriptions: list(obj({ StandardsArn: str, StandardsStatus: str })) }),
  'logs:DescribeLogGroupsCommand': obj({ logGroups: list(obj({ logGroupName: str, arn: str })) }),
  // Identity Center sends its lists even when empty. A group member that is not a user (MemberId is a union that
  // may grow) is malformed rather than skipped: a skipped member would be an administrator left uncounted.
  'sso-admin:ListInstancesCommand': obj({ Instances: list(obj({ InstanceArn: str, IdentityStoreId: str })) }),
  'sso-admin:ListPermissionSetsProvisionedToAccountCommand': obj({ PermissionSets: list(str) }),
  'sso-admin:DescribePermissionSetCommand': obj({ PermissionSet: obj({ Name: str, PermissionSetArn: str }) }),
  'sso-admin:ListAccountAssignmentsCommand': obj({
    AccountAssignments: list(obj({ PrincipalType: { enum: ['USER', 'GROUP'] }, PrincipalId: str })),
  }),
  'identitystore:ListGroupMembershipsCommand': obj({ GroupMemberships: list(obj({ MemberId: obj({ UserId: str }) })) }),
};

export function answerSchema(name: string): Schema {
  const schema = ANSWERS[name];
  if (!schema) throw new Error(`no answer shape known for ${name}: add it to ANSWERS`);
  return schema;
}

interface RawResponse {
  statusCode: number;
  body?: unknown;
}

/**
 * Every operation annexa calls documents a body for its 2xx answer, so an
 * empty one is `malformed` whatever the SDK would make of it. Sits innermost
 * in the SDK's deserialize step: it reads the raw body once and hands the
 * bytes on to the SDK's own deserialiser.
 */
export function refuseEmptyBodies(client: { middlewareStack: { add(mw: unknown, options: object): void } }, service: string): void {
  const middleware =
    (next: (args: unknown) => Promise<{ response: RawResponse }>, context: { commandName?: string }) => async (args: unknown) => {
      const out = await next(args);
      const { response } = out;
      if (response.statusCode < 200 || response.statusCode >= 300 || !isStream(response.body)) return out;
      const chunks: Buffer[] = [];
      for await (const chunk of response.body as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
      const bytes = Buffer.concat(chunks);
      if (bytes.length === 0) {
        const operation = `${service}:${(context.commandName ?? 'Command').replace(/Command$/, '')}`;
        throw new FactError({
          kind: 'malformed',
          message: `${operation}: malformed answer: an empty body with status ${response.statusCode}`,
          code: 'MalformedAnswer',
          status: response.statusCode,
        });
      }
      response.body = new Uint8Array(bytes);
      return out;
    };
  client.middlewareStack.add(middleware, { step: 'deserialize', priority: 'low', name: 'annexaRefuseEmptyBodies' });
}

function isStream(body: unknown): boolean {
  return typeof (body as AsyncIterable<unknown> | undefined)?.[Symbol.asyncIterator] === 'function';
}
