import { X509Certificate } from 'node:crypto';
import tls, { rootCertificates } from 'node:tls';
import { constraintError } from './chain-constraints.js';

/**
 * Chain and name verification for a chain read off the wire without a
 * handshake (the raw probe), where OpenSSL's verifier never ran. The error
 * codes are OpenSSL's names for the same failures, so that a raw-probe verdict
 * reads like one from a node:tls handshake (`socket.authorizationError`).
 */

/** Longest path followed from the leaf to a trust anchor, as OpenSSL's default depth. */
const MAX_DEPTH = 100;

let systemRoots: X509Certificate[] | undefined;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The trust anchors: `pems` when given (system roots plus a CA bundle), else
 * node's bundled roots (parsed once). Every certificate of a bundle is an
 * anchor, as for OpenSSL's CAfile, not just the first one of the text.
 */
export function trustAnchors(pems?: readonly string[]): X509Certificate[] {
  if (pems) return pems.flatMap((pem) => pem.match(PEM_CERTIFICATE) ?? []).map((pem) => new X509Certificate(pem));
  systemRoots ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return systemRoots;
}

/**
 * `issuer` names `cert`'s issuer. By name, not X509Certificate.checkIssued,
 * which also wants keyCertSign: a leaf signing itself, or a non-CA
 * "intermediate", must still be found, to be refused with the right code.
 */
function names(cert: X509Certificate, issuer: X509Certificate): boolean {
  return cert.issuer === issuer.subject;
}

/** `issuer` is named by `cert` and its key made `cert`'s signature. */
function signed(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return names(cert, issuer) && cert.verify(issuer.publicKey);
  } catch {
    return false; // a key type node cannot verify with is no proof
  }
}

export interface ChainVerdict {
  /** Null when the chain verifies, else the OpenSSL error code of the first failure. */
  error: string | null;
  /**
   * Leaf to trust anchor when a path was found (even if a validity check then
   * failed), else the presented chain: what node's getPeerCertificate(true) lists.
   */
  path: X509Certificate[];
}

/**
 * Builds the path from the leaf through the presented certificates to a
 * trusted root, checks the extensions OpenSSL checks on it (purpose, path
 * length, name constraints: chain-constraints.ts), then that every
 * certificate on it is within its validity window (top down, as OpenSSL does).
 */
export function verifyChain(chain: readonly X509Certificate[], anchors: readonly X509Certificate[], now: Date): ChainVerdict {
  const built = buildPath(chain, anchors);
  if (typeof built === 'string') return { error: built, path: [...chain] };
  const constraint = constraintError(built);
  if (constraint) return { error: constraint, path: built };
  for (const cert of [...built].reverse()) {
    if (now.getTime() < Date.parse(cert.validFrom)) return { error: 'CERT_NOT_YET_VALID', path: built };
    if (now.getTime() > Date.parse(cert.validTo)) return { error: 'CERT_HAS_EXPIRED', path: built };
  }
  return { error: null, path: built };
}

/** The path from the leaf to a trust anchor, or the error code of why there is none. */
function buildPath(chain: readonly X509Certificate[], anchors: readonly X509Certificate[]): string | X509Certificate[] {
  const [leaf, ...rest] = chain;
  if (!leaf) return 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
  const path: X509Certificate[] = [leaf];
  const spare = new Set(rest);
  for (let current = leaf; ;) {
    const depth = path.length - 1;
    if (anchors.some((a) => a.fingerprint256 === current.fingerprint256)) break;
    const anchor = anchors.find((a) => signed(current, a));
    if (anchor) {
      path.push(anchor);
      break;
    }
    if (signed(current, current)) return depth === 0 ? 'DEPTH_ZERO_SELF_SIGNED_CERT' : 'SELF_SIGNED_CERT_IN_CHAIN';
    if (anchors.some((a) => names(current, a))) return 'CERT_SIGNATURE_FAILURE';
    const named = [...spare].filter((c) => names(current, c));
    if (named.length === 0) return depth === 0 ? 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' : 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY';
    // two presented certificates may share a name (a cross-signed CA): the one whose key signed wins
    const issuer = named.find((c) => signed(current, c));
    if (!issuer) return 'CERT_SIGNATURE_FAILURE';
    if (!issuer.ca) return 'INVALID_CA';
    if (path.length >= MAX_DEPTH) return 'CERT_CHAIN_TOO_LONG';
    spare.delete(issuer);
    path.push(issuer);
    current = issuer;
  }
  return path;
}

/** Why the leaf does not name `name` (tls.checkServerIdentity's rules: SANs, else the CN), or null when it does. */
export function nameMismatch(name: string, leaf: X509Certificate): string | null {
  const error = tls.checkServerIdentity(name, leaf.toLegacyObject());
  return error ? error.message : null;
}
