import type { Ec2RuleSpec, InstanceSpec, SecurityGroupSpec, SnapshotSpec, VolumeSpec, VpcSpec } from './scenario-ec2.js';
import { ec2Id, LARGE_REGIONAL, pad, times, type AccountPart, type LargeSizes } from './large-sizes.js';

/**
 * The EC2-family share of the generated account, per region: VPCs (the
 * first the default one, without a flow log), security groups, instances,
 * their volumes and snapshots. Settings alternate by `pick` in the
 * proportions noted beside each; EBS encryption by default is on in every
 * other region.
 */

export const perRegion = (sizes: LargeSizes) => sizes.perRegion ?? LARGE_REGIONAL;

/** The ids other parts refer to (SSM nodes name instances, AWS Backup volumes). */
export const instanceId = (regionIndex: number, i: number) => ec2Id('i', regionIndex, i);
export const volumeId = (regionIndex: number, i: number) => ec2Id('vol', regionIndex, i);

/** 1 in 10 opens SSH to the internet, 1 in 10 RDP over IPv6, 1 in 10 HTTPS (not a judged port); the rest a database port inside the VPC. */
function ingress(kind: number): Ec2RuleSpec[] {
  if (kind === 0) return [{ protocol: 'tcp', ports: 22, source: '0.0.0.0/0', description: 'ssh' }];
  if (kind === 1) return [{ protocol: 'tcp', ports: 3389, source: '::/0', description: 'rdp' }];
  if (kind === 2) return [{ protocol: 'tcp', ports: 443, source: '0.0.0.0/0', description: 'https' }];
  return [{ protocol: 'tcp', ports: 5432, source: '10.0.0.0/8', description: 'postgres' }];
}

export const ec2Part: AccountPart = (sizes, regions, pick) => {
  const n = perRegion(sizes);
  const vpcs: VpcSpec[] = [];
  const securityGroups: SecurityGroupSpec[] = [];
  const instances: InstanceSpec[] = [];
  const volumes: VolumeSpec[] = [];
  const snapshots: SnapshotSpec[] = [];
  regions.forEach((region, r) => {
    const vpcIds = times(n.vpcs, (i) => ec2Id('vpc', r, i));
    const at = (i: number, what: string) => pick(i, `${what}-${region}`);
    vpcs.push(
      ...vpcIds.map((id, i) => ({
        id,
        region,
        cidr: `10.${i}.0.0/16`,
        ...(i === 0 ? { default: true } : { flowLogs: [i % 3 === 2 ? { deliveryError: 'Access error' } : { traffic: 'ALL' as const }] }),
      })),
    );
    // The second VPC's default group is emptied, as CIS asks; EC2 gives every other one its self-referencing rule.
    if (n.vpcs > 1) securityGroups.push({ name: 'default', region, vpc: vpcIds[1]!, ingress: [], egress: [] });
    const groups = times(n.securityGroups, (i) => ({
      name: `app-${pad(i)}`,
      region,
      vpc: vpcIds[i % n.vpcs]!,
      ingress: ingress(at(i, 'sg-ingress') % 10),
    }));
    securityGroups.push(...groups);
    instances.push(
      ...times(n.instances, (i) => {
        const group = groups[i % Math.max(1, groups.length)];
        return {
          id: instanceId(r, i),
          region,
          vpc: group?.vpc ?? vpcIds[0]!,
          // 1 in 25 stopped; 1 in 3 still allows IMDSv1.
          ...(at(i, 'instance-state') % 25 === 0 ? { state: 'stopped' as const } : {}),
          httpTokens: at(i, 'imds') % 3 === 0 ? ('optional' as const) : ('required' as const),
          ...(group ? { securityGroups: [group.name] } : {}),
        };
      }),
    );
    volumes.push(
      ...times(n.volumes, (i) => ({
        id: volumeId(r, i),
        region,
        sizeGiB: i < n.instances ? 8 : 100,
        // 1 in 5 unencrypted.
        encrypted: at(i, 'volume-encryption') % 5 !== 0,
        ...(i < n.instances ? { attachedTo: instanceId(r, i) } : {}),
        created: { days: 30 + (i % 300) },
      })),
    );
    snapshots.push(
      ...times(n.snapshots, (i) => ({
        id: ec2Id('snap', r, i),
        region,
        ...(n.volumes ? { volume: volumeId(r, i % n.volumes) } : {}),
        // 1 in 60 public, 1 in 15 shared with one other account.
        ...(at(i, 'snapshot-public') % 60 === 0 ? { public: true } : {}),
        ...(at(i, 'snapshot-shared') % 15 === 1 ? { sharedWith: ['111122223333'] } : {}),
        created: { days: 1 + (i % 400) },
      })),
    );
  });
  return {
    ebsEncryptionByDefault: regions.filter((_, r) => r % 2 === 0),
    vpcs,
    securityGroups,
    instances,
    volumes,
    snapshots,
  };
};
