import dns from 'node:dns';

/**
 * A `dns.lookup` that answers 127.0.0.1 for `localhost` and every
 * `*.localhost` name (RFC 6761 reserves them for loopback), and asks the
 * system for everything else. S3 Control puts the account id in front of
 * the endpoint's host (`123456789012.localhost:<port>`), which most system
 * resolvers do not know; give the S3 Control client an agent with this
 * lookup (docs/sandbox-aws.md shows how).
 */
export const loopbackLookup = ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    return options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
  }
  return dns.lookup(hostname, options, callback as never);
}) as typeof dns.lookup;
