import type { CheckContext } from '../../core/check.js';
import type { ProfileName, SuitesFact } from '../../providers/tls/types.js';
import { PROFILES } from './profiles.js';

/** The smallest DHE group any profile accepts (NIST SP 800-57 / Mozilla): where a profile names none, 2048 bits. */
const MIN_DHE_BITS = 2048;
/**
 * Standard TLS 1.3 groups (RFC 8446 §4.2.7) stronger than every profile curve:
 * OpenSSL servers agree on them by default, and accepting them adds no weakness.
 */
const STRONGER_GROUPS: readonly string[] = ['secp521r1', 'X448'];

export interface KeyExchangeJudgement {
  /** `DHE group of 1024 bits (minimum 2048)`, `ECDHE group secp521r1 (not in mozilla-intermediate)` */
  keyExchange: string[];
  /** What could not be read although the accepted suites need it. */
  unknown: string[];
  dheBits?: number | null;
  groups?: string[];
}

/**
 * The key-exchange parameters behind the accepted suites, against the
 * profile: a DHE suite's group must have at least the profile's bits; every
 * named group agreed for ECDHE (or TLS 1.3) must be one of the profile's
 * curves or a stronger standard one (secp521r1, X448). Facts are read only
 * when an accepted suite uses them.
 */
export async function judgeKeyExchange(
  ctx: CheckContext<'tls'>,
  profile: ProfileName,
  perVersion: SuitesFact[],
): Promise<KeyExchangeJudgement> {
  const kexes = new Set(perVersion.flatMap((f) => f.accepted.map((s) => s.kex)));
  const out: KeyExchangeJudgement = { keyExchange: [], unknown: [] };
  const p = PROFILES[profile];
  if (kexes.has('DHE')) {
    const dhe = await ctx.tls.dheGroup();
    const min = p.dhParamSize ?? MIN_DHE_BITS;
    out.dheBits = dhe.bits;
    if (dhe.bits === null) out.unknown.push(`DHE group not read: ${dhe.failure}`);
    else if (dhe.bits < min) out.keyExchange.push(`DHE group of ${dhe.bits} bits (minimum ${min})`);
  }
  if (kexes.has('ECDHE') || kexes.has('TLS13')) {
    const g = await ctx.tls.groups();
    out.groups = g.accepted;
    const outside = g.accepted.filter((c) => !p.curves.includes(c) && !STRONGER_GROUPS.includes(c));
    out.keyExchange.push(...outside.map((c) => `ECDHE group ${c} (not in ${profile})`));
    if (g.accepted.length === 0) out.unknown.push('no named group agreed although ECDHE or TLS 1.3 suites are accepted');
    if (g.inconclusive.length) out.unknown.push(`group probes inconclusive: ${g.inconclusive.join(', ')}`);
  }
  return out;
}
