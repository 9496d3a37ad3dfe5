import { LOOPBACK_NAMES, lookupFrom } from '../../providers/aws/host-lookup.js';

/**
 * A `dns.lookup` that answers 127.0.0.1 for `localhost` and every
 * `*.localhost` name (RFC 6761), for clients of the emulator's S3 Control
 * listener (`123456789012.localhost:<port>`); docs/sandbox-aws.md shows how.
 */
export const loopbackLookup = lookupFrom(LOOPBACK_NAMES);
