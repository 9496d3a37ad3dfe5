/**
 * The EC2-family fields of a scenario account (docs/sandbox-aws.md):
 * VPCs with their flow logs, security groups, instances, network
 * interfaces, EBS volumes and snapshots, each in one region.
 */

import type { Age } from './scenario.js';

/** One rule of a security group. */
export interface Ec2RuleSpec {
  /** `-1` (every protocol, and then every port), `tcp`, `udp`, `icmp`, `icmpv6`, or a protocol number. */
  protocol: string;
  /** One port or `[from, to]` (ICMP: `[type, code]`); absent: every port (-1). */
  ports?: number | [number, number];
  /** An IPv4 or IPv6 CIDR, a prefix list (`pl-…`), or a security group (`sg-…`, or a group name in the same VPC). */
  source: string;
  description?: string;
}

export interface SecurityGroupSpec {
  id?: string;
  /** `default` replaces the rules of the VPC's default group. */
  name: string;
  region: string;
  vpc: string;
  description?: string;
  ingress?: Ec2RuleSpec[];
  /** Absent: all traffic out to 0.0.0.0/0, as EC2 creates a group. */
  egress?: Ec2RuleSpec[];
}

export interface FlowLogSpec {
  id?: string;
  traffic?: 'ALL' | 'ACCEPT' | 'REJECT';
  destination?: 'cloud-watch-logs' | 's3' | 'kinesis-data-firehose';
  /** Delivery fails with this message (`Access error`, `Rate limited`): DeliverLogsStatus FAILED. */
  deliveryError?: string;
}

export interface VpcSpec {
  id: string;
  region: string;
  cidr?: string;
  /** The region's default VPC. */
  default?: boolean;
  flowLogs?: FlowLogSpec[];
}

export interface InstanceSpec {
  id?: string;
  region: string;
  /** Defaults to the region's first VPC. */
  vpc?: string;
  state?: 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';
  /** Defaults to `optional`, the API's default for an AMI without ImdsSupport v2.0. */
  httpTokens?: 'optional' | 'required';
  httpEndpoint?: 'enabled' | 'disabled';
  /** A change of the metadata options not yet applied (MetadataOptions.State `pending`). */
  metadataPending?: boolean;
  /** Group names (in the instance's VPC) or ids; defaults to the VPC's `default` group. */
  securityGroups?: string[];
}

/** A network interface not created by an instance (a load balancer's, a database's, a Lambda function's). */
export interface NetworkInterfaceSpec {
  id?: string;
  region: string;
  vpc?: string;
  securityGroups: string[];
  type?: string;
  description?: string;
  status?: 'available' | 'in-use';
}

export interface VolumeSpec {
  id?: string;
  region: string;
  sizeGiB?: number;
  type?: string;
  encrypted?: boolean;
  /** KMS key id or ARN of an encrypted volume; defaults to the region's `aws/ebs` key. */
  kmsKey?: string;
  state?: 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted' | 'error';
  /** An instance id: the volume is attached to it (and `in-use`). */
  attachedTo?: string;
  created?: Age;
}

export interface SnapshotSpec {
  id?: string;
  region: string;
  volume?: string;
  encrypted?: boolean;
  kmsKey?: string;
  /** Create-volume permission granted to the group `all`. */
  public?: boolean;
  /** Account ids given create-volume permission. */
  sharedWith?: string[];
  created?: Age;
}

/** The EC2-family fields of an account. */
export interface Ec2AccountSpec {
  /** Regions where EBS encryption by default is on (`true`: every region); absent: off everywhere, as AWS ships it. */
  ebsEncryptionByDefault?: true | string[];
  vpcs?: VpcSpec[];
  securityGroups?: SecurityGroupSpec[];
  instances?: InstanceSpec[];
  networkInterfaces?: NetworkInterfaceSpec[];
  volumes?: VolumeSpec[];
  snapshots?: SnapshotSpec[];
}
