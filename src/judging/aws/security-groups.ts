import type { NetworkInterface, SecurityGroupRule } from '../../providers/aws/types.js';

/**
 * What a security group rule opens, read as the EC2 API reference defines
 * the fields: IpProtocol `-1` is every protocol and every port (FromPort and
 * ToPort are then -1); `tcp`/`udp` (or their numbers 6/17) carry a port
 * range FromPort..ToPort; ICMP's "ports" are a type and code, not ports.
 * Only CidrIpv4 0.0.0.0/0 and CidrIpv6 ::/0 are "the internet": a
 * referenced group admits that group's members, and a prefix list admits
 * its entries, which are not read here.
 */

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

export function protocolOf(rule: SecurityGroupRule): string {
  return PROTOCOL_NAMES[rule.ipProtocol] ?? rule.ipProtocol;
}

export function fromInternet(rule: SecurityGroupRule): boolean {
  return !rule.isEgress && (rule.cidrIpv4 === '0.0.0.0/0' || rule.cidrIpv6 === '::/0');
}

/** `all` for every port; else the watched ports the rule's TCP range covers (none for other protocols). */
export function exposedPorts(rule: SecurityGroupRule, watched: readonly number[]): 'all' | number[] {
  const protocol = protocolOf(rule);
  if (protocol === '-1') return 'all';
  if (protocol !== 'tcp' && protocol !== 'udp') return [];
  // A TCP or UDP rule always carries its range; an absent one is read as the widest.
  const from = rule.fromPort === null || rule.fromPort < 0 ? 0 : rule.fromPort;
  const to = rule.toPort === null || rule.toPort < 0 ? 65535 : rule.toPort;
  if (from <= 0 && to >= 65535) return 'all';
  return protocol === 'tcp' ? watched.filter((p) => p >= from && p <= to) : [];
}

/** `sgr-… tcp 22 from 0.0.0.0/0`, as a person reads a rule. */
export function describeRule(rule: SecurityGroupRule): string {
  const protocol = protocolOf(rule);
  const ports =
    protocol === '-1'
      ? 'all traffic'
      : rule.fromPort === rule.toPort
        ? `${protocol} ${rule.fromPort}`
        : `${protocol} ${rule.fromPort}-${rule.toPort}`;
  return `${rule.ruleId} ${ports} from ${rule.cidrIpv4 ?? rule.cidrIpv6 ?? rule.prefixListId ?? rule.referencedGroupId}`;
}

/** The network interfaces that hold a group: what makes an open group reachable. */
export function holdersOf(groupId: string, interfaces: readonly NetworkInterface[]): string[] {
  return interfaces.filter((n) => n.groupIds.includes(groupId)).map((n) => n.instanceId ?? n.networkInterfaceId);
}
