import type { CertificateInfo, HandshakeFact } from '../../providers/tls/types.js';

export interface CertificateLimits {
  minDaysLeft: number;
  maxLifetimeDays: number;
  minRsaBits: number;
  minEcBits: number;
}

/** Hashes too weak for a certificate signature (collisions are practical or near). */
const WEAK_HASHES = new Set(['md2', 'md4', 'md5', 'sha1', 'sha224']);
const DAY_MS = 86_400_000;

/**
 * Everything wrong with the certificate an endpoint presented, as short
 * phrases an operator can act on; an empty list means it passes.
 */
export function certificateProblems(h: HandshakeFact, now: Date, limits: CertificateLimits): string[] {
  const leaf = h.chain[0];
  if (!leaf) return ['no certificate presented'];
  const problems: string[] = [];
  if (!h.authorized) problems.push(`chain does not verify (${h.authorizationError ?? 'untrusted'})`);
  if (!h.nameMatches) problems.push(`does not name ${h.expectedName}`);
  const from = Date.parse(leaf.validFrom);
  const to = Date.parse(leaf.validTo);
  if (now.getTime() < from) problems.push(`not valid before ${leaf.validFrom}`);
  if (now.getTime() > to) problems.push(`expired on ${leaf.validTo}`);
  const soon = expiresSoon(h, now, limits.minDaysLeft);
  if (soon) problems.push(`expires in ${soon.daysLeft} days, on ${soon.expiresOn} (minimum ${limits.minDaysLeft})`);
  const lifetime = Math.round((to - from) / DAY_MS);
  if (lifetime > limits.maxLifetimeDays) problems.push(`lifetime of ${lifetime} days (maximum ${limits.maxLifetimeDays})`);
  const key = keyProblem(leaf, limits);
  if (key) problems.push(key);
  for (const cert of signedCertificates(h.chain)) {
    if (cert.signatureHash === null)
      problems.push(`unknown signature algorithm ${cert.signatureAlgorithmOid ?? ''} on ${cert.subject}`.trim());
    else if (WEAK_HASHES.has(cert.signatureHash)) problems.push(`${cert.signatureHash.toUpperCase()} signature on ${cert.subject}`);
  }
  return problems;
}

/**
 * Why there is no chain to judge (inconclusive, never a pass): node completed
 * no handshake and the raw probe read no chain either. Null when there is one.
 */
export function chainNotRead(h: HandshakeFact): string | null {
  if (h.completed || h.source === 'raw-probe') return null;
  const raw = h.rawProbe?.failure ? `; raw probe: ${h.rawProbe.failure}` : '';
  return `no handshake completed, certificate not read (inconclusive): ${h.failure?.message}${raw}`;
}

/**
 * The expiry warning: the leaf is valid now but has fewer than `minDaysLeft`
 * days left; null otherwise (an expired leaf is another problem).
 */
export function expiresSoon(
  h: HandshakeFact,
  now: Date,
  minDaysLeft: number,
): { expiresOn: string; daysLeft: number; minDaysLeft: number } | null {
  const leaf = h.chain[0];
  if (!leaf || now.getTime() > Date.parse(leaf.validTo)) return null;
  const left = daysLeft(leaf, now);
  if (left >= minDaysLeft) return null;
  return { expiresOn: new Date(Date.parse(leaf.validTo)).toISOString().slice(0, 10), daysLeft: left, minDaysLeft };
}

export function daysLeft(leaf: CertificateInfo, now: Date): number {
  return Math.floor((Date.parse(leaf.validTo) - now.getTime()) / DAY_MS);
}

/** Key types judged by their size. A size node could not read (a curve it does not know) is keySizeNotRead's, never 0 bits. */
const SIZED_KEYS: readonly string[] = ['rsa', 'rsa-pss', 'ec'];

function keyProblem(leaf: CertificateInfo, limits: CertificateLimits): string | null {
  const bits = leaf.keyBits;
  switch (leaf.keyType) {
    case 'rsa':
    case 'rsa-pss':
      return bits !== null && bits < limits.minRsaBits ? `RSA key of ${bits} bits (minimum ${limits.minRsaBits})` : null;
    case 'ec':
      return bits !== null && bits < limits.minEcBits
        ? `EC key on ${leaf.curve ?? 'an unknown curve'} (${bits} bits, minimum ${limits.minEcBits})`
        : null;
    case 'ed25519':
    case 'ed448':
      return null;
    default:
      return `key type ${leaf.keyType ?? 'unknown'} is not RSA or EC`;
  }
}

/**
 * Why the leaf's key cannot be judged (inconclusive, never a pass): an RSA or EC key whose size node did
 * not report, such as one on a brainpool curve. Null when the size is known or the type needs none.
 */
export function keySizeNotRead(h: HandshakeFact): string | null {
  const leaf = h.chain[0];
  if (!leaf?.keyType || leaf.keyBits !== null || !SIZED_KEYS.includes(leaf.keyType)) return null;
  const curve = leaf.keyType === 'ec' ? ` on ${leaf.curve ?? 'an unnamed curve'}` : '';
  return `size of the ${leaf.keyType.toUpperCase()} key${curve} not read (inconclusive)`;
}

/** Certificates whose signature matters: all but a self-issued root at the end of a longer chain (its self-signature proves nothing). */
function signedCertificates(chain: CertificateInfo[]): CertificateInfo[] {
  const last = chain[chain.length - 1];
  return chain.length > 1 && last?.selfIssued ? chain.slice(0, -1) : chain;
}

/** The values a certificate verdict rests on, for `observed`. */
export function certificateSummary(h: HandshakeFact, now: Date): Record<string, unknown> {
  const leaf = h.chain[0];
  return {
    name: h.expectedName,
    subject: leaf?.subject,
    issuer: leaf?.issuer,
    validFrom: leaf?.validFrom,
    validTo: leaf?.validTo,
    daysLeft: leaf ? daysLeft(leaf, now) : undefined,
    key: leaf ? [leaf.keyType, leaf.keyBits, leaf.curve].filter((v) => v !== null).join(' ') : undefined,
    signatureAlgorithm: leaf?.signatureAlgorithm,
    authorizationError: h.authorizationError,
    clientRefusal: h.clientRefusal,
    // how the chain was read: a raw-probe chain was verified by annexa, not by OpenSSL during a handshake
    source: h.source ?? 'node-tls',
    ...(h.source === 'raw-probe' && h.rawProbe ? { rawProbe: { version: h.rawProbe.version, suite: h.rawProbe.suite } } : {}),
  };
}
