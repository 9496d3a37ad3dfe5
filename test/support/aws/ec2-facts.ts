import type { FakeFacts } from '../../../src/testing/run-check.js';
import type {
  AwsFacts,
  EbsEncryptionByDefault,
  EbsSnapshot,
  EbsVolume,
  Ec2Instance,
  FlowLog,
  NetworkInterface,
  SecurityGroupRef,
  SecurityGroupRule,
  Vpc,
} from '../../../src/providers/aws/types.js';
import { ACCOUNT } from './facts.js';

/**
 * Builders of hand-made EC2, EBS and VPC facts for check tables: each item
 * starts well kept in eu-west-1, and a case overrides what it is about.
 * Lists are given per region; an Error in place of a list fails that
 * region's listing, as a denied call would.
 */

export type ByRegion<T> = Record<string, T[] | Error>;

const arn = (region: string, path: string) => `arn:aws:ec2:${region}:${ACCOUNT}:${path}`;

export function sgRule(ruleId: string, groupId: string, over: Partial<SecurityGroupRule> = {}): SecurityGroupRule {
  return {
    ruleId,
    groupId,
    isEgress: false,
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    cidrIpv4: '10.0.0.0/8',
    cidrIpv6: null,
    prefixListId: null,
    referencedGroupId: null,
    description: null,
    ...over,
  };
}

export function defaultGroup(groupId: string, vpcId = 'vpc-1', region = 'eu-west-1'): SecurityGroupRef {
  return { groupId, groupName: 'default', vpcId, arn: arn(region, `security-group/${groupId}`) };
}

export function nic(id: string, groupIds: string[], instanceId: string | null = null): NetworkInterface {
  return { networkInterfaceId: id, status: 'in-use', interfaceType: 'interface', instanceId, description: null, groupIds };
}

export function instance(instanceId: string, over: Partial<Ec2Instance> = {}, region = 'eu-west-1'): Ec2Instance {
  return {
    instanceId,
    arn: arn(region, `instance/${instanceId}`),
    region,
    state: 'running',
    httpTokens: 'required',
    httpEndpoint: 'enabled',
    metadataState: 'applied',
    ...over,
  };
}

export function volume(volumeId: string, over: Partial<EbsVolume> = {}, region = 'eu-west-1'): EbsVolume {
  return {
    volumeId,
    arn: arn(region, `volume/${volumeId}`),
    region,
    availabilityZone: `${region}a`,
    state: 'in-use',
    encrypted: true,
    kmsKeyId: `arn:aws:kms:${region}:${ACCOUNT}:key/k1`,
    sizeGiB: 8,
    volumeType: 'gp3',
    createTime: '2026-01-01T00:00:00.000Z',
    snapshotId: null,
    attachments: [{ instanceId: 'i-1', device: '/dev/xvda', state: 'attached', deleteOnTermination: true }],
    ...over,
  };
}

export function snapshot(snapshotId: string, over: Partial<EbsSnapshot> = {}, region = 'eu-west-1'): EbsSnapshot {
  return {
    snapshotId,
    arn: `arn:aws:ec2:${region}::snapshot/${snapshotId}`,
    region,
    volumeId: 'vol-1',
    state: 'completed',
    encrypted: true,
    kmsKeyId: null,
    startTime: '2026-01-01T00:00:00.000Z',
    public: false,
    ...over,
  };
}

export function vpc(vpcId: string, over: Partial<Vpc> = {}, region = 'eu-west-1'): Vpc {
  return { vpcId, arn: arn(region, `vpc/${vpcId}`), region, isDefault: false, state: 'available', cidrBlock: '10.0.0.0/16', ...over };
}

export function flowLog(flowLogId: string, resourceId: string, over: Partial<FlowLog> = {}): FlowLog {
  return {
    flowLogId,
    resourceId,
    flowLogStatus: 'ACTIVE',
    deliverLogsStatus: 'SUCCESS',
    deliverLogsErrorMessage: null,
    trafficType: 'ALL',
    logDestinationType: 'cloud-watch-logs',
    logDestination: null,
    ...over,
  };
}

function perRegion<T>(table: Record<string, T | Error> | undefined, what: string): (region: string) => Promise<T> {
  return async (region) => {
    const v = table?.[region];
    if (v === undefined) throw new Error(`test gave no ${what} for ${region}`);
    if (v instanceof Error) throw v;
    return v;
  };
}

export interface Ec2FactTables {
  /** The scanned regions; defaults to the regions of the first table given. */
  regions?: string[];
  securityGroupRules?: ByRegion<SecurityGroupRule>;
  defaultSecurityGroups?: ByRegion<SecurityGroupRef>;
  networkInterfaces?: ByRegion<NetworkInterface>;
  instances?: ByRegion<Ec2Instance>;
  encryptionByDefault?: Record<string, EbsEncryptionByDefault | Error>;
  volumes?: ByRegion<EbsVolume>;
  snapshots?: ByRegion<EbsSnapshot>;
  vpcs?: ByRegion<Vpc>;
  flowLogs?: ByRegion<FlowLog>;
}

/** EC2, EBS and VPC facts over per-region tables. */
export function ec2Facts(t: Ec2FactTables): FakeFacts<AwsFacts> {
  const first = Object.values(t).find((v) => v && !Array.isArray(v)) as Record<string, unknown> | undefined;
  const regions = t.regions ?? Object.keys(first ?? {});
  return {
    regions: async () => regions,
    ec2: {
      securityGroupRules: perRegion(t.securityGroupRules, 'security group rules'),
      defaultSecurityGroups: perRegion(t.defaultSecurityGroups, 'default security groups'),
      networkInterfaces: perRegion(t.networkInterfaces, 'network interfaces'),
      instances: perRegion(t.instances, 'instances'),
    },
    ebs: {
      encryptionByDefault: perRegion(t.encryptionByDefault, 'EBS encryption by default'),
      volumes: perRegion(t.volumes, 'volumes'),
      snapshots: perRegion(t.snapshots, 'snapshots'),
    },
    vpc: { vpcs: perRegion(t.vpcs, 'VPCs'), flowLogs: perRegion(t.flowLogs, 'flow logs') },
  };
}
