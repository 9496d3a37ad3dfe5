import type { RevocationFact } from '../../providers/tls/types.js';

/**
 * What OCSP says against the leaf: a problem when its CA revoked it. An
 * answer of `unknown` (RFC 6960 §2.2: the responder does not know the
 * certificate) is not `good`.
 */
export function revocationProblem(r: RevocationFact): string | null {
  if (r.status !== 'revoked') return null;
  return `revoked by its CA${r.revokedAt ? ` on ${r.revokedAt}` : ''} (OCSP, ${r.source === 'stapled' ? 'stapled answer' : r.responder})`;
}

/**
 * Why revocation could not be confirmed, which keeps a certificate without
 * other problems from passing: no usable answer from a responder the leaf
 * names, or an `unknown` status. Null when the status is known, or when
 * nothing was there to ask (no responder named, untrusted chain).
 */
export function revocationUnconfirmed(r: RevocationFact): string | null {
  if (r.failure) return r.failure;
  if (r.status === 'unknown') return `the responder does not know the certificate (OCSP status unknown, ${r.source})`;
  return null;
}

/** The revocation part of `observed`. */
export function revocationSummary(r: RevocationFact): Record<string, unknown> {
  return {
    status: r.status,
    source: r.source,
    responder: r.responder,
    ...(r.revokedAt ? { revokedAt: r.revokedAt } : {}),
    ...(r.thisUpdate ? { thisUpdate: r.thisUpdate, nextUpdate: r.nextUpdate } : {}),
    ...(r.notAsked ? { notAsked: r.notAsked } : {}),
    ...(r.failure ? { failure: r.failure } : {}),
  };
}
