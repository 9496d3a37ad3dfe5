import { ago, hexId, uuid } from './ids.js';
import type { Ec2AccountSpec, Ec2RuleSpec, SecurityGroupSpec } from './scenario-ec2.js';

/**
 * The EC2-family part of one account, resolved at start: ids generated
 * where the scenario gives none, default security groups created per VPC
 * as EC2 creates them, group names in rules and instances turned into ids,
 * a network interface for every instance that is not terminated.
 */

export interface Ec2Rule {
  id: string;
  groupId: string;
  isEgress: boolean;
  protocol: string;
  from: number;
  to: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  prefixListId?: string;
  referencedGroupId?: string;
  description?: string;
}
export interface Ec2Group {
  id: string;
  name: string;
  region: string;
  vpc: string;
  description: string;
  arn: string;
  rules: Ec2Rule[];
}
export interface Ec2FlowLog {
  id: string;
  resourceId: string;
  traffic: string;
  destinationType: string;
  destination: string;
  deliveryError?: string;
  created: Date;
}
export interface Ec2Vpc {
  id: string;
  region: string;
  cidr: string;
  isDefault: boolean;
  flowLogs: Ec2FlowLog[];
}
export interface Ec2Instance {
  id: string;
  region: string;
  vpc: string;
  state: string;
  httpTokens: string;
  httpEndpoint: string;
  metadataPending: boolean;
  groups: string[];
  launched: Date;
}
export interface Ec2Interface {
  id: string;
  region: string;
  vpc: string;
  groups: string[];
  type: string;
  description: string;
  status: string;
  instanceId?: string;
}
export interface Ec2Volume {
  id: string;
  region: string;
  sizeGiB: number;
  type: string;
  encrypted: boolean;
  kmsKey?: string;
  state: string;
  attachedTo?: string;
  created: Date;
}
export interface Ec2Snapshot {
  id: string;
  region: string;
  volume?: string;
  sizeGiB: number;
  encrypted: boolean;
  kmsKey?: string;
  public: boolean;
  sharedWith: string[];
  created: Date;
}
export interface Ec2World {
  /** Regions where EBS encryption by default is on; `true`: all. */
  ebsEncryptionByDefault: true | string[];
  vpcs: Ec2Vpc[];
  groups: Ec2Group[];
  instances: Ec2Instance[];
  interfaces: Ec2Interface[];
  volumes: Ec2Volume[];
  snapshots: Ec2Snapshot[];
}

const ALL_OUT: Ec2RuleSpec[] = [{ protocol: '-1', source: '0.0.0.0/0' }];
const FROM_SELF = 'self';

const ec2Id = (prefix: string, seed: string) => `${prefix}-${hexId(seed, 17)}`;

/** The ARN of the region's `aws/ebs` key, which EC2 uses when an encrypted volume names none. */
function awsEbsKey(account: string, region: string): string {
  return `arn:aws:kms:${region}:${account}:key/${uuid(`${account}:${region}:key:alias/aws/ebs`)}`;
}

function keyArn(account: string, region: string, key: string | undefined): string {
  if (!key) return awsEbsKey(account, region);
  return key.startsWith('arn:') ? key : `arn:aws:kms:${region}:${account}:key/${key}`;
}

/** A rule's port range as EC2 answers it: -1 for every protocol, a TCP or UDP rule without ports covers them all. */
export function rulePorts(r: Ec2RuleSpec): [number, number] {
  if (r.protocol === '-1') return [-1, -1];
  if (r.ports === undefined) return r.protocol === 'tcp' || r.protocol === 'udp' ? [0, 65535] : [-1, -1];
  return typeof r.ports === 'number' ? [r.ports, r.ports] : r.ports;
}

export function buildEc2(account: string, spec: Ec2AccountSpec, now: Date, accountCreated: Date): Ec2World {
  const where = (what: string) => `account ${account}: ${what}`;
  const vpcs: Ec2Vpc[] = (spec.vpcs ?? []).map((v) => ({
    id: v.id,
    region: v.region,
    cidr: v.cidr ?? '10.0.0.0/16',
    isDefault: v.default ?? false,
    flowLogs: (v.flowLogs ?? []).map((f, i) => {
      const destinationType = f.destination ?? 'cloud-watch-logs';
      return {
        id: f.id ?? ec2Id('fl', `${account}:${v.id}:flow:${i}`),
        resourceId: v.id,
        traffic: f.traffic ?? 'ALL',
        destinationType,
        destination:
          destinationType === 's3'
            ? `arn:aws:s3:::flow-logs-${account}`
            : destinationType === 'cloud-watch-logs'
              ? `arn:aws:logs:${v.region}:${account}:log-group:/vpc/flow-logs/${v.id}`
              : `arn:aws:firehose:${v.region}:${account}:deliverystream/flow-logs`,
        deliveryError: f.deliveryError,
        created: accountCreated,
      };
    }),
  }));
  const vpcOf = (region: string, id: string | undefined, owner: string): Ec2Vpc => {
    const vpc = id ? vpcs.find((v) => v.id === id) : vpcs.find((v) => v.region === region);
    if (!vpc) throw new Error(where(`${owner}: ${id ? `unknown VPC ${id}` : `no VPC in ${region}`}`));
    if (vpc.region !== region) throw new Error(where(`${owner}: VPC ${vpc.id} is in ${vpc.region}, not ${region}`));
    return vpc;
  };

  // Every VPC has a group named `default`; a scenario group of that name replaces its rules.
  const groupSpecs: SecurityGroupSpec[] = [...(spec.securityGroups ?? [])];
  for (const v of vpcs) {
    if (!groupSpecs.some((g) => g.name === 'default' && g.vpc === v.id)) {
      groupSpecs.push({
        name: 'default',
        region: v.region,
        vpc: v.id,
        description: 'default VPC security group',
        ingress: [{ protocol: '-1', source: FROM_SELF }],
      });
    }
  }
  const groups: Ec2Group[] = groupSpecs.map((g) => {
    vpcOf(g.region, g.vpc, `security group ${g.name}`);
    const id = g.id ?? ec2Id('sg', `${account}:${g.vpc}:sg:${g.name}`);
    return {
      id,
      name: g.name,
      region: g.region,
      vpc: g.vpc,
      description: g.description ?? (g.name === 'default' ? 'default VPC security group' : g.name),
      arn: `arn:aws:ec2:${g.region}:${account}:security-group/${id}`,
      rules: [],
    };
  });
  const groupId = (vpc: string, ref: string, owner: string, self?: string): string => {
    if (ref === FROM_SELF && self) return self;
    const g = groups.find((x) => x.vpc === vpc && (x.id === ref || x.name === ref)) ?? groups.find((x) => x.id === ref);
    if (!g) throw new Error(where(`${owner}: unknown security group ${ref} in ${vpc}`));
    return g.id;
  };
  groupSpecs.forEach((g, gi) => {
    const group = groups[gi]!;
    const rule = (r: Ec2RuleSpec, isEgress: boolean, i: number): Ec2Rule => {
      const [from, to] = rulePorts(r);
      const src = r.source;
      return {
        id: ec2Id('sgr', `${group.id}:${isEgress ? 'egress' : 'ingress'}:${i}`),
        groupId: group.id,
        isEgress,
        protocol: r.protocol,
        from,
        to,
        ...(src.includes(':')
          ? { cidrIpv6: src }
          : src.includes('/')
            ? { cidrIpv4: src }
            : src.startsWith('pl-')
              ? { prefixListId: src }
              : { referencedGroupId: groupId(g.vpc, src, `security group ${g.name}`, group.id) }),
        description: r.description,
      };
    };
    group.rules = [...(g.ingress ?? []).map((r, i) => rule(r, false, i)), ...(g.egress ?? ALL_OUT).map((r, i) => rule(r, true, i))];
  });

  const instances: Ec2Instance[] = (spec.instances ?? []).map((s, i) => {
    const id = s.id ?? `i-${hexId(`${account}:${s.region}:instance:${i}`, 17)}`;
    const vpc = vpcOf(s.region, s.vpc, `instance ${id}`);
    return {
      id,
      region: s.region,
      vpc: vpc.id,
      state: s.state ?? 'running',
      httpTokens: s.httpTokens ?? 'optional',
      httpEndpoint: s.httpEndpoint ?? 'enabled',
      metadataPending: s.metadataPending ?? false,
      groups: (s.securityGroups ?? ['default']).map((ref) => groupId(vpc.id, ref, `instance ${id}`)),
      launched: accountCreated,
    };
  });
  const interfaces: Ec2Interface[] = [
    // A terminated instance's primary interface is deleted with it.
    ...instances
      .filter((x) => x.state !== 'terminated')
      .map((x) => ({
        id: ec2Id('eni', `${account}:${x.id}:eni`),
        region: x.region,
        vpc: x.vpc,
        groups: x.groups,
        type: 'interface',
        description: '',
        status: 'in-use',
        instanceId: x.id,
      })),
    ...(spec.networkInterfaces ?? []).map((n, i) => {
      const id = n.id ?? ec2Id('eni', `${account}:${n.region}:eni:${i}`);
      const vpc = vpcOf(n.region, n.vpc, `network interface ${id}`);
      return {
        id,
        region: n.region,
        vpc: vpc.id,
        groups: n.securityGroups.map((ref) => groupId(vpc.id, ref, `network interface ${id}`)),
        type: n.type ?? 'interface',
        description: n.description ?? '',
        status: n.status ?? 'in-use',
      };
    }),
  ];

  const volumes: Ec2Volume[] = (spec.volumes ?? []).map((v, i) => {
    const id = v.id ?? ec2Id('vol', `${account}:${v.region}:volume:${i}`);
    if (v.attachedTo && !instances.some((x) => x.id === v.attachedTo && x.region === v.region))
      throw new Error(where(`volume ${id}: unknown instance ${v.attachedTo} in ${v.region}`));
    const encrypted = v.encrypted ?? false;
    return {
      id,
      region: v.region,
      sizeGiB: v.sizeGiB ?? 8,
      type: v.type ?? 'gp3',
      encrypted,
      kmsKey: encrypted ? keyArn(account, v.region, v.kmsKey) : undefined,
      state: v.state ?? (v.attachedTo ? 'in-use' : 'available'),
      attachedTo: v.attachedTo,
      created: ago(v.created, now) ?? accountCreated,
    };
  });
  const snapshots: Ec2Snapshot[] = (spec.snapshots ?? []).map((s, i) => {
    const id = s.id ?? ec2Id('snap', `${account}:${s.region}:snapshot:${i}`);
    const source = volumes.find((v) => v.id === s.volume);
    const encrypted = s.encrypted ?? source?.encrypted ?? false;
    return {
      id,
      region: s.region,
      volume: s.volume,
      sizeGiB: source?.sizeGiB ?? 8,
      encrypted,
      kmsKey: encrypted ? keyArn(account, s.region, s.kmsKey ?? source?.kmsKey) : undefined,
      public: s.public ?? false,
      sharedWith: s.sharedWith ?? [],
      created: ago(s.created, now) ?? accountCreated,
    };
  });
  return { ebsEncryptionByDefault: spec.ebsEncryptionByDefault ?? [], vpcs, groups, instances, interfaces, volumes, snapshots };
}
