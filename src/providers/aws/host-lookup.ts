import dns from 'node:dns';

/** Names that RFC 6761 reserves for loopback: `localhost` and every `*.localhost`. */
export const LOOPBACK_NAMES: Readonly<Record<string, string>> = { localhost: '127.0.0.1', '*.localhost': '127.0.0.1' };

/**
 * A `dns.lookup` that answers the names of `hosts` (exact, or `*.suffix` for
 * every name under it) with their address, and asks the system for every
 * other name. S3 Control puts the account id in front of the endpoint's host
 * (`123456789012.localhost:<port>`), which most system resolvers do not know.
 */
export function lookupFrom(hosts: Readonly<Record<string, string>>): typeof dns.lookup {
  const find = (hostname: string) =>
    hosts[hostname] ?? Object.entries(hosts).find(([name]) => name.startsWith('*.') && hostname.endsWith(name.slice(1)))?.[1];
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    const address = find(hostname);
    if (address === undefined) return dns.lookup(hostname, options, callback as never);
    const family = address.includes(':') ? 6 : 4;
    return options.all ? callback(null, [{ address, family }]) : callback(null, address, family);
  }) as typeof dns.lookup;
}
