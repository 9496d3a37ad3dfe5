import { AwsError } from './errors.js';
import { ec2Page, filtered, numbered } from './ec2-params.js';
import type { AwsRequest, CallContext } from './server.js';
import type { Ec2Group, Ec2Rule } from './world-ec2.js';
import type { XmlObject, XmlValue } from './xml.js';

/**
 * The EC2 Describe operations annexa reads, each over the caller's account
 * in the request's signing region: the IAM action that authorises it, and
 * the answer's members (lower camel, lists as `<item>`, `nextToken`) as the
 * EC2 API reference shows them.
 */
export interface Ec2Operation {
  action: string;
  answer(req: AwsRequest, p: URLSearchParams, ctx: CallContext): XmlObject;
}

const INSTANCE_STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

/** The caller's EC2 world, and a filter to the request's signing region. */
function inRegion(ctx: CallContext, req: AwsRequest) {
  const ec2 = ctx.caller.account.ec2;
  const here = <T extends { region: string }>(items: T[]) => items.filter((x) => x.region === req.region);
  return { ec2, here, owner: ctx.caller.account.id };
}

function paged<T>(items: T[], p: URLSearchParams, op: string, set: string, render: (item: T) => XmlValue): XmlObject {
  const page = ec2Page(items, p, op);
  return { [set]: page.items.map(render), nextToken: page.nextToken };
}

function ruleSource(r: Ec2Rule, owner: string): XmlObject {
  return {
    cidrIpv4: r.cidrIpv4,
    cidrIpv6: r.cidrIpv6,
    prefixListId: r.prefixListId,
    referencedGroupInfo: r.referencedGroupId ? { groupId: r.referencedGroupId, userId: owner } : undefined,
  };
}

/** A group's rules as DescribeSecurityGroups nests them: one permission per rule, which EC2 would merge. */
function permissions(g: Ec2Group, egress: boolean, owner: string): XmlValue[] {
  return g.rules
    .filter((r) => r.isEgress === egress)
    .map((r) => ({
      ipProtocol: r.protocol,
      fromPort: r.protocol === '-1' ? undefined : r.from,
      toPort: r.protocol === '-1' ? undefined : r.to,
      groups: r.referencedGroupId ? [{ groupId: r.referencedGroupId, userId: owner }] : [],
      ipRanges: r.cidrIpv4 ? [{ cidrIp: r.cidrIpv4, description: r.description }] : [],
      ipv6Ranges: r.cidrIpv6 ? [{ cidrIpv6: r.cidrIpv6, description: r.description }] : [],
      prefixListIds: r.prefixListId ? [{ prefixListId: r.prefixListId, description: r.description }] : [],
    }));
}

export const EC2_OPERATIONS: Record<string, Ec2Operation> = {
  GetEbsEncryptionByDefault: {
    action: 'ec2:GetEbsEncryptionByDefault',
    answer(req, _p, ctx) {
      const on = ctx.caller.account.ec2.ebsEncryptionByDefault;
      return { ebsEncryptionByDefault: on === true || on.includes(req.region), sseType: 'sse-ebs' };
    },
  },
  DescribeVolumes: {
    action: 'ec2:DescribeVolumes',
    answer(req, p, ctx) {
      const { here, ec2, owner } = inRegion(ctx, req);
      const volumes = filtered(here(ec2.volumes), p, {
        'attachment.instance-id': (v) => (v.attachedTo ? [v.attachedTo] : []),
        encrypted: (v) => [String(v.encrypted)],
        status: (v) => [v.state],
        'volume-id': (v) => [v.id],
      });
      return paged(volumes, p, 'DescribeVolumes', 'volumeSet', (v) => ({
        volumeId: v.id,
        size: v.sizeGiB,
        snapshotId: '',
        availabilityZone: `${v.region}a`,
        status: v.state,
        createTime: v.created,
        attachmentSet: v.attachedTo
          ? [
              {
                volumeId: v.id,
                instanceId: v.attachedTo,
                device: '/dev/xvda',
                status: 'attached',
                attachTime: v.created,
                deleteOnTermination: true,
              },
            ]
          : [],
        volumeType: v.type,
        iops: 3000,
        encrypted: v.encrypted,
        kmsKeyId: v.kmsKey,
        multiAttachEnabled: false,
        throughput: v.type === 'gp3' ? 125 : undefined,
        ownerId: owner,
      }));
    },
  },
  DescribeSnapshots: {
    action: 'ec2:DescribeSnapshots',
    answer(req, p, ctx) {
      const caller = ctx.caller.account.id;
      const owners = numbered(p, 'Owner');
      const restorableBy = numbered(p, 'RestorableBy');
      // Without owners: every snapshot the caller may create a volume from (its own, public, shared with it).
      const all = ctx.world.accounts.flatMap((a) =>
        a.ec2.snapshots.filter((s) => s.region === req.region).map((s) => ({ ...s, owner: a.id })),
      );
      const visible = all.filter((s) => s.owner === caller || s.public || s.sharedWith.includes(caller));
      const owned = owners.length
        ? visible.filter((s) => owners.some((o) => (o === 'self' ? s.owner === caller : o === s.owner)))
        : visible;
      const restorable = restorableBy.length
        ? owned.filter((s) =>
            restorableBy.some((r) =>
              r === 'all' ? s.public : r === 'self' ? s.owner === caller || s.sharedWith.includes(caller) : s.sharedWith.includes(r),
            ),
          )
        : owned;
      const ids = numbered(p, 'SnapshotId');
      for (const id of ids)
        if (!visible.some((s) => s.id === id)) throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
      const chosen = filtered(ids.length ? restorable.filter((s) => ids.includes(s.id)) : restorable, p, {
        encrypted: (s) => [String(s.encrypted)],
        'volume-id': (s) => (s.volume ? [s.volume] : []),
      });
      return paged(chosen, p, 'DescribeSnapshots', 'snapshotSet', (s) => ({
        snapshotId: s.id,
        volumeId: s.volume ?? 'vol-ffffffff',
        status: 'completed',
        startTime: s.created,
        progress: '100%',
        ownerId: s.owner,
        volumeSize: s.sizeGiB,
        description: '',
        encrypted: s.encrypted,
        kmsKeyId: s.kmsKey,
        storageTier: 'standard',
      }));
    },
  },
  DescribeSecurityGroupRules: {
    action: 'ec2:DescribeSecurityGroupRules',
    answer(req, p, ctx) {
      const { here, ec2, owner } = inRegion(ctx, req);
      const rules = filtered(
        here(ec2.groups).flatMap((g) => g.rules),
        p,
        { 'group-id': (r) => [r.groupId], 'security-group-rule-id': (r) => [r.id] },
      );
      return paged(rules, p, 'DescribeSecurityGroupRules', 'securityGroupRuleSet', (r) => ({
        securityGroupRuleId: r.id,
        groupId: r.groupId,
        groupOwnerId: owner,
        isEgress: r.isEgress,
        ipProtocol: r.protocol,
        fromPort: r.from,
        toPort: r.to,
        ...ruleSource(r, owner),
        description: r.description,
        securityGroupRuleArn: `arn:aws:ec2:${req.region}:${owner}:security-group-rule/${r.id}`,
      }));
    },
  },
  DescribeSecurityGroups: {
    action: 'ec2:DescribeSecurityGroups',
    answer(req, p, ctx) {
      const { here, ec2, owner } = inRegion(ctx, req);
      const groups = filtered(here(ec2.groups), p, {
        'group-name': (g) => [g.name],
        'group-id': (g) => [g.id],
        'vpc-id': (g) => [g.vpc],
      });
      return paged(groups, p, 'DescribeSecurityGroups', 'securityGroupInfo', (g) => ({
        ownerId: owner,
        groupId: g.id,
        groupName: g.name,
        groupDescription: g.description,
        ipPermissions: permissions(g, false, owner),
        ipPermissionsEgress: permissions(g, true, owner),
        vpcId: g.vpc,
        securityGroupArn: g.arn,
      }));
    },
  },
  DescribeNetworkInterfaces: {
    action: 'ec2:DescribeNetworkInterfaces',
    answer(req, p, ctx) {
      const { here, ec2, owner } = inRegion(ctx, req);
      const name = (id: string) => ec2.groups.find((g) => g.id === id)?.name;
      const interfaces = filtered(here(ec2.interfaces), p, {
        'group-id': (n) => n.groups,
        'vpc-id': (n) => [n.vpc],
        status: (n) => [n.status],
      });
      return paged(interfaces, p, 'DescribeNetworkInterfaces', 'networkInterfaceSet', (n) => ({
        networkInterfaceId: n.id,
        vpcId: n.vpc,
        availabilityZone: `${n.region}a`,
        description: n.description,
        ownerId: owner,
        requesterManaged: n.type !== 'interface',
        status: n.status,
        interfaceType: n.type,
        attachment: n.instanceId
          ? {
              attachmentId: `eni-attach-${n.id.slice(4)}`,
              instanceId: n.instanceId,
              instanceOwnerId: owner,
              deviceIndex: 0,
              status: 'attached',
            }
          : undefined,
        groupSet: n.groups.map((id) => ({ groupId: id, groupName: name(id) })),
      }));
    },
  },
  DescribeInstances: {
    action: 'ec2:DescribeInstances',
    answer(req, p, ctx) {
      const { here, ec2, owner } = inRegion(ctx, req);
      const instances = filtered(here(ec2.instances), p, {
        'instance-id': (i) => [i.id],
        'instance-state-name': (i) => [i.state],
        'metadata-options.http-tokens': (i) => [i.httpTokens],
      });
      // One reservation per instance: each was launched on its own.
      return paged(instances, p, 'DescribeInstances', 'reservationSet', (i) => ({
        reservationId: `r-${i.id.slice(2)}`,
        ownerId: owner,
        groupSet: [],
        instancesSet: [
          {
            instanceId: i.id,
            imageId: 'ami-0abcdef1234567890',
            instanceState: { code: INSTANCE_STATE_CODES[i.state], name: i.state },
            instanceType: 't3.micro',
            launchTime: i.launched,
            placement: { availabilityZone: `${i.region}a`, tenancy: 'default' },
            vpcId: i.vpc,
            groupSet: i.groups.map((id) => ({ groupId: id, groupName: ec2.groups.find((g) => g.id === id)?.name })),
            metadataOptions: {
              state: i.metadataPending ? 'pending' : 'applied',
              httpTokens: i.httpTokens,
              httpPutResponseHopLimit: 2,
              httpEndpoint: i.httpEndpoint,
              httpProtocolIpv6: 'disabled',
              instanceMetadataTags: 'disabled',
            },
          },
        ],
      }));
    },
  },
  DescribeVpcs: {
    action: 'ec2:DescribeVpcs',
    answer(req, p, ctx) {
      const { here, ec2, owner } = inRegion(ctx, req);
      const vpcs = filtered(here(ec2.vpcs), p, { 'vpc-id': (v) => [v.id], 'is-default': (v) => [String(v.isDefault)] });
      return paged(vpcs, p, 'DescribeVpcs', 'vpcSet', (v) => ({
        vpcId: v.id,
        ownerId: owner,
        state: 'available',
        cidrBlock: v.cidr,
        dhcpOptionsId: 'dopt-0123456789abcdef0',
        instanceTenancy: 'default',
        isDefault: v.isDefault,
      }));
    },
  },
  DescribeFlowLogs: {
    action: 'ec2:DescribeFlowLogs',
    answer(req, p, ctx) {
      const { here, ec2 } = inRegion(ctx, req);
      const logs = filtered(
        here(ec2.vpcs).flatMap((v) => v.flowLogs),
        p,
        { 'resource-id': (f) => [f.resourceId], 'flow-log-id': (f) => [f.id] },
      );
      return paged(logs, p, 'DescribeFlowLogs', 'flowLogSet', (f) => ({
        creationTime: f.created,
        deliverLogsErrorMessage: f.deliveryError,
        deliverLogsStatus: f.deliveryError ? 'FAILED' : 'SUCCESS',
        flowLogId: f.id,
        flowLogStatus: 'ACTIVE',
        logGroupName: f.destinationType === 'cloud-watch-logs' ? f.destination.split(':log-group:')[1] : undefined,
        resourceId: f.resourceId,
        trafficType: f.traffic,
        logDestinationType: f.destinationType,
        logDestination: f.destination,
        logFormat:
          '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}',
        maxAggregationInterval: 600,
      }));
    },
  },
};
