import type { StartTlsProtocol } from './starttls/protocols.js';

/**
 * What the TLS provider collects about one endpoint. Every fact value is
 * plain JSON (strings for dates), so that a replayed run judges the same data.
 */

export type EndpointKind = 'https' | 'tls';
export type ProfileName = 'mozilla-intermediate' | 'mozilla-modern';
export const PROFILE_NAMES: readonly ProfileName[] = ['mozilla-intermediate', 'mozilla-modern'];

/** Target options of a TLS endpoint. Never a secret: a CA certificate is public. */
export interface TlsTargetOptions {
  host: string;
  port: number;
  /** SNI name and the name the certificate must match; defaults to `host` when it is a DNS name. */
  servername?: string;
  kind: EndpointKind;
  profile: ProfileName;
  /** Extra trusted roots (PEM file) on top of the system roots. */
  caFile?: string;
  /** Extra trusted roots given inline (the sandbox CA). */
  caPem?: string;
  /** Sandbox: URLs a certificate names (OCSP responders) are fetched only on loopback addresses. */
  loopbackOnly?: boolean;
  /** Upgrade a plaintext connection by this protocol's negotiation first (`smtp://host:25`). */
  starttls?: StartTlsProtocol;
  /** Connections the probes of this endpoint keep open at once (`tls.probeConcurrency`, default 8). */
  probeConcurrency?: number;
  /** Connections the whole scan keeps open at once, across endpoints (`tls.connections`, default 128). */
  connections?: number;
}

/** The endpoint as checks see it: where, what kind, which profile. */
export interface TlsEndpointInfo {
  host: string;
  port: number;
  servername: string | null;
  kind: EndpointKind;
  profile: ProfileName;
  /** The STARTTLS protocol every connection upgrades by; absent (snapshots before it) or null: TLS from the first byte. */
  starttls?: StartTlsProtocol | null;
}

/** How one STARTTLS negotiation came out, on a connection of its own. */
export interface StartTlsFact {
  protocol: StartTlsProtocol;
  /** The server agreed to upgrade; false: it offers the protocol in plaintext only. */
  offered: boolean;
  /** The server's own words (printable, bounded): its go-ahead, or why not. */
  answer: string;
}

/** One certificate of the presented chain, leaf first. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  /** `DNS:name` / `IP Address:addr` entries, as node reports them. */
  subjectAltNames: string[];
  keyType: string | null;
  keyBits: number | null;
  curve: string | null;
  signatureAlgorithmOid: string | null;
  signatureAlgorithm: string | null;
  /** The hash inside the signature algorithm: md5, sha1, sha256, ... (null when unknown). */
  signatureHash: string | null;
  selfIssued: boolean;
  fingerprint256: string;
  pem: string;
}

/** Why node's client would not complete a default handshake (not a server verdict). */
export interface ClientRefusal {
  code: string | null;
  message: string;
}

/**
 * What the raw probe did when node:tls could not complete a handshake: the
 * legacy version and suite under which the server sent its chain in the
 * clear, or why no chain could be read.
 */
export interface RawProbeInfo {
  version: string | null;
  /** IANA name (or hex id when uncatalogued) of the suite the server picked. */
  suite: string | null;
  failure: string | null;
}

/**
 * The full handshake as node:tls sees it. When the default client refused
 * (`clientRefusal`), the rest comes from a retry at a lower security level;
 * when even that failed, `completed` is false, and the chain (with its trust
 * and name verdicts) comes from the raw probe when it could read one.
 */
export interface HandshakeFact {
  completed: boolean;
  protocol: string | null;
  cipher: { name: string; standardName: string | null } | null;
  ephemeralKey: { type: string; name: string | null; size: number | null } | null;
  /** The chain verifies against the trusted roots (system + configured CA). */
  authorized: boolean;
  authorizationError: string | null;
  trust: 'system' | 'system+ca';
  /** The name the certificate must match, and whether the leaf matches it. */
  expectedName: string;
  nameMatches: boolean;
  nameMismatchReason: string | null;
  chain: CertificateInfo[];
  clientRefusal: ClientRefusal | null;
  /** Why no handshake completed at all, when `completed` is false. */
  failure: ClientRefusal | null;
  /**
   * Where the chain comes from: a full node:tls handshake, or the plaintext
   * Certificate message of a legacy handshake node could not complete (verified
   * here, not by OpenSSL); null when no chain was read. Absent in older snapshots: node-tls.
   */
  source?: 'node-tls' | 'raw-probe' | null;
  /** Set when node:tls could not complete a handshake. */
  rawProbe?: RawProbeInfo | null;
  /** The OCSP answer the server stapled (status_request), base64 DER; null when none; absent in older snapshots. */
  ocspStapled?: string | null;
}

/**
 * What the CA says about the leaf (OCSP, RFC 6960): the stapled answer when
 * the server sent one, else the responder the leaf names. `status` is set only
 * from an answer whose signature verified and that is current.
 */
export interface RevocationFact {
  /** The OCSP responder URL the leaf names (Authority Information Access), or null. */
  responder: string | null;
  /** Where the answer came from; null when none was read. */
  source: 'stapled' | 'responder' | null;
  status: 'good' | 'revoked' | 'unknown' | null;
  revokedAt: string | null;
  thisUpdate: string | null;
  nextUpdate: string | null;
  /** Why nothing was asked: no responder named, or the chain is not trusted (a URL from an untrusted certificate is never fetched). */
  notAsked: string | null;
  /** Why no usable answer was had: responder unreachable, HTTP error, too large, unsigned, stale, malformed. */
  failure: string | null;
}

export interface HstsFact {
  /** HTTP status of `GET /`. */
  status: number | null;
  /** The raw header, or null when absent. */
  header: string | null;
  maxAge: number | null;
  includeSubDomains: boolean;
  preload: boolean;
  /** Directives the header repeats (RFC 6797 §6.1 allows each once); absent in snapshots taken before it was recorded. */
  repeatedDirectives?: string[];
  /** A client-side refusal that forced a lower security level to read the answer. */
  clientRefusal: ClientRefusal | null;
}

/** How one protocol version probe came out, as plain data. */
export type VersionAnswer =
  /** `ciphers`: for SSLv2, the cipher kinds its SERVER-HELLO listed. */
  | { kind: 'accepted'; version: string; suite: number | null; ciphers?: string[] }
  | { kind: 'rejected'; alert?: string | number | null; reason: string }
  | { kind: 'error'; reason: string };

export interface ProtocolsFact {
  /** Every probed version and its answer: SSLv2 (absent in snapshots taken before it was probed), SSLv3 … TLS 1.3. */
  versions: Record<string, VersionAnswer>;
  accepted: string[];
  rejected: string[];
  /** Versions the probe could not decide. */
  inconclusive: string[];
}

export interface SuiteInfo {
  id: number;
  hex: string;
  name: string;
  kex: string | null;
  aead: boolean;
  forwardSecrecy: boolean;
  weak: string[];
}

export interface SuitesFact {
  version: string;
  accepted: SuiteInfo[];
  handshakes: number;
  /** Set when enumeration stopped before it was sure it had seen every suite. */
  inconclusive: string | null;
}

/** The finite-field group a server uses for DHE suites (TLS 1.2 and below). */
export interface DheGroupFact {
  /** Size of the server's DH prime, in bits; null when no DHE handshake completed. */
  bits: number | null;
  /** Why no DHE handshake completed (the server refused DHE, or the answer was odd). */
  failure: string | null;
}

/** How one named group, offered alone, came out. */
export type GroupAnswer =
  | { kind: 'accepted' }
  | { kind: 'refused'; reason: string }
  /** The client's OpenSSL cannot offer the group: nothing learned. */
  | { kind: 'not-offered'; reason: string }
  | { kind: 'error'; reason: string };

/** The named groups (ECDHE curves, X25519, X448) a server agrees on, each probed alone. */
export interface GroupsFact {
  answers: Record<string, GroupAnswer>;
  accepted: string[];
  /** Groups whose probe learned nothing. */
  inconclusive: string[];
}

/** The accessors a TLS check reads through `ctx.tls`. */
export interface TlsFacts {
  endpoint: TlsEndpointInfo;
  protocols: () => Promise<ProtocolsFact>;
  suites: (version: string) => Promise<SuitesFact>;
  handshake(): Promise<HandshakeFact>;
  hsts(): Promise<HstsFact>;
  /** OCSP status of the leaf (stapled, else asked of its responder). */
  revocation(): Promise<RevocationFact>;
  /** Read only when a DHE suite is accepted. */
  dheGroup(): Promise<DheGroupFact>;
  /** Read only when an ECDHE suite or TLS 1.3 is accepted. */
  groups(): Promise<GroupsFact>;
  /** Read only when `endpoint.starttls` is set: whether the server upgrades at all. */
  starttls: () => Promise<StartTlsFact>;
}

declare module '../../core/check.js' {
  interface ProviderFacts {
    tls: TlsFacts;
  }
}
