/**
 * The plain-JSON shapes of the EC2-family facts (EC2, EBS, VPC), as the
 * fetchers store them: one region's list per fact, dates as ISO strings,
 * `null` where the answer leaves a field out.
 */

/** One EBS volume (DescribeVolumes). Read by the EBS checks and by AWS Backup coverage. */
export interface EbsVolume {
  volumeId: string;
  arn: string;
  region: string;
  availabilityZone: string | null;
  /** `creating` | `available` | `in-use` | `deleting` | `deleted` | `error`. */
  state: string;
  /** EC2 sends `encrypted` for every volume; an answer without it is malformed. */
  encrypted: boolean;
  /** The KMS key's ARN; `null` for an unencrypted volume. */
  kmsKeyId: string | null;
  sizeGiB: number | null;
  volumeType: string | null;
  createTime: string | null;
  snapshotId: string | null;
  attachments: EbsVolumeAttachment[];
}

export interface EbsVolumeAttachment {
  instanceId: string | null;
  device: string | null;
  /** `attaching` | `attached` | `detaching` | `detached` | `busy`. */
  state: string | null;
  deleteOnTermination: boolean | null;
}

/** One EBS snapshot the account owns (DescribeSnapshots, OwnerIds self). */
export interface EbsSnapshot {
  snapshotId: string;
  arn: string;
  region: string;
  volumeId: string | null;
  state: string | null;
  encrypted: boolean;
  kmsKeyId: string | null;
  startTime: string | null;
  /** Restorable by the group `all` (DescribeSnapshots with RestorableByUserIds `all` named it). */
  public: boolean;
}

/** GetEbsEncryptionByDefault for one region. */
export interface EbsEncryptionByDefault {
  region: string;
  enabled: boolean;
  /** `sse-ebs` and so on, when the answer names it. */
  sseType: string | null;
}

/** One security group rule (DescribeSecurityGroupRules): exactly one of the four sources is set. */
export interface SecurityGroupRule {
  ruleId: string;
  groupId: string;
  isEgress: boolean;
  /** `tcp`, `udp`, `icmp`, `icmpv6`, a protocol number, or `-1` for every protocol (and then every port). */
  ipProtocol: string;
  /** -1 (or absent: `null`) with `-1`/ICMP means every port or type. */
  fromPort: number | null;
  toPort: number | null;
  cidrIpv4: string | null;
  cidrIpv6: string | null;
  prefixListId: string | null;
  referencedGroupId: string | null;
  description: string | null;
}

/** A security group's identity (DescribeSecurityGroups). */
export interface SecurityGroupRef {
  groupId: string;
  groupName: string;
  vpcId: string | null;
  arn: string;
}

/** A network interface (DescribeNetworkInterfaces): what holds a security group. */
export interface NetworkInterface {
  networkInterfaceId: string;
  status: string | null;
  interfaceType: string | null;
  instanceId: string | null;
  description: string | null;
  groupIds: string[];
}

/** An instance (DescribeInstances) with its instance metadata options. */
export interface Ec2Instance {
  instanceId: string;
  arn: string;
  region: string;
  /** `pending` | `running` | `shutting-down` | `terminated` | `stopping` | `stopped`. */
  state: string | null;
  /** `optional` | `required`; `null` when the answer carries no metadata options. */
  httpTokens: string | null;
  /** `enabled` | `disabled`. */
  httpEndpoint: string | null;
  /** `pending` | `applied`: whether a change of the options is in effect. */
  metadataState: string | null;
}

export interface Vpc {
  vpcId: string;
  arn: string;
  region: string;
  isDefault: boolean;
  state: string | null;
  cidrBlock: string | null;
}

/** A flow log (DescribeFlowLogs), whatever resource it is on (VPC, subnet, interface, gateway). */
export interface FlowLog {
  flowLogId: string;
  resourceId: string;
  /** `ACTIVE` is the only documented value. */
  flowLogStatus: string | null;
  /** `SUCCESS` | `FAILED`. */
  deliverLogsStatus: string | null;
  deliverLogsErrorMessage: string | null;
  /** `ACCEPT` | `REJECT` | `ALL`. */
  trafficType: string | null;
  logDestinationType: string | null;
  logDestination: string | null;
}
