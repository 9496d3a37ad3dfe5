import type { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * The extension rules OpenSSL's verifier enforces on a built path, for the raw
 * probe's chains (chain-verify.ts): the purpose (extended key usage allows
 * server authentication), basic constraints' pathLenConstraint, and name
 * constraints. Extensions are read with PKI.js, since node's X509Certificate
 * exposes neither path length nor name constraints.
 */

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
/** Netscape Server Gated Crypto: OpenSSL still accepts it in place of serverAuth. */
const NS_SGC = '2.16.840.1.113730.4.1';
const EXT = { basicConstraints: '2.5.29.19', nameConstraints: '2.5.29.30', subjectAltName: '2.5.29.17' } as const;
const DNS = 2;
const IP = 7;

interface Parsed {
  x: X509Certificate;
  pki: pkijs.Certificate;
  selfIssued: boolean;
}

function extension<T>(cert: pkijs.Certificate, oid: string): T | undefined {
  return cert.extensions?.find((e) => e.extnID === oid)?.parsedValue as T | undefined;
}

/** The OpenSSL error code of the first rule the path (leaf first, trust anchor last) breaks, or null. */
export function constraintError(path: readonly X509Certificate[]): string | null {
  let parsed: Parsed[];
  try {
    parsed = path.map((x) => ({ x, pki: pkijs.Certificate.fromBER(x.raw), selfIssued: x.subject === x.issuer }));
  } catch {
    return 'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY';
  }
  return purposeError(parsed) ?? pathLengthError(parsed) ?? nameConstraintError(parsed);
}

/** X509_PURPOSE_SSL_SERVER: an extended key usage, where present, must allow server authentication (anyExtendedKeyUsage does not). */
function purposeError(path: Parsed[]): string | null {
  const last = path.length - 1;
  for (const [i, c] of path.entries()) {
    if (i === last && i > 0) break; // the trust anchor's own extensions are its owner's policy
    const eku = c.x.keyUsage; // node's name for the extended key usage OIDs; undefined when absent
    if (eku && !eku.includes(SERVER_AUTH) && !eku.includes(NS_SGC)) return 'INVALID_PURPOSE';
  }
  return null;
}

/** A CA's pathLenConstraint counts the non-self-issued intermediates below it (RFC 5280 §4.2.1.9). */
function pathLengthError(path: Parsed[]): string | null {
  let below = 0;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    const bc = extension<pkijs.BasicConstraints>(c.pki, EXT.basicConstraints);
    const limit = bc?.pathLenConstraint;
    const max = typeof limit === 'number' ? limit : limit instanceof asn1js.Integer ? limit.valueBlock.valueDec : undefined;
    if (max !== undefined && below > max) return 'PATH_LENGTH_EXCEEDED';
    if (!c.selfIssued) below++;
  }
  return null;
}

interface Names {
  dns: string[];
  ips: Buffer[];
}

function namesOf(c: Parsed, isLeaf: boolean): Names {
  const san = extension<pkijs.AltName>(c.pki, EXT.subjectAltName);
  const dns: string[] = [];
  const ips: Buffer[] = [];
  for (const n of san?.altNames ?? []) {
    if (n.type === DNS) dns.push(String(n.value).toLowerCase());
    if (n.type === IP) ips.push(octets(n.value));
  }
  // OpenSSL also holds a leaf's CN to DNS constraints when no DNS SAN is present and the CN looks like a host name
  if (isLeaf && dns.length === 0) {
    const cn = /(?:^|\n)CN=([^\n]+)/.exec(c.x.subject)?.[1];
    if (cn && /^[a-z0-9*-]+(\.[a-z0-9-]+)+$/i.test(cn) && !isIP(cn)) dns.push(cn.toLowerCase());
  }
  return { dns, ips };
}

function subtreeError<T>(names: T[], permitted: T[], excluded: T[], within: (name: T, base: T) => boolean): string | null {
  for (const n of names) {
    if (excluded.some((b) => within(n, b))) return 'EXCLUDED_VIOLATION';
    if (permitted.length && !permitted.some((b) => within(n, b))) return 'PERMITTED_VIOLATION';
  }
  return null;
}

function octets(value: unknown): Buffer {
  return Buffer.from((value as asn1js.OctetString).valueBlock.valueHexView);
}

function dnsWithin(name: string, base: string): boolean {
  const b = base.toLowerCase();
  if (b === '') return true;
  if (b.startsWith('.')) return name.endsWith(b);
  return name === b || name.endsWith(`.${b}`);
}

function ipWithin(ip: Buffer, base: Buffer): boolean {
  if (base.length !== ip.length * 2) return false;
  for (let i = 0; i < ip.length; i++) {
    const mask = base[ip.length + i]!;
    if ((ip[i]! & mask) !== (base[i]! & mask)) return false;
  }
  return true;
}

/**
 * Each CA's name constraints hold for every certificate below it (self-issued
 * intermediates excepted, RFC 5280 §4.2.1.10). DNS and IP constraints are
 * judged; a constraint of another type (directory names, e-mail, URIs) is
 * refused as unsupported rather than taken as satisfied.
 */
function nameConstraintError(path: Parsed[]): string | null {
  for (let i = 1; i < path.length; i++) {
    const nc = extension<pkijs.NameConstraints>(path[i]!.pki, EXT.nameConstraints);
    if (!nc) continue;
    const permitted = (nc.permittedSubtrees ?? []).map((s) => s.base);
    const excluded = (nc.excludedSubtrees ?? []).map((s) => s.base);
    if ([...permitted, ...excluded].some((g) => g.type !== DNS && g.type !== IP)) return 'UNSUPPORTED_CONSTRAINT_TYPE';
    const dnsBases = (list: pkijs.GeneralName[]) => list.filter((g) => g.type === DNS).map((g) => String(g.value));
    const ipBases = (list: pkijs.GeneralName[]) => list.filter((g) => g.type === IP).map((g) => octets(g.value));
    for (let j = 0; j < i; j++) {
      if (j > 0 && path[j]!.selfIssued) continue;
      const names = namesOf(path[j]!, j === 0);
      const error =
        subtreeError(names.dns, dnsBases(permitted), dnsBases(excluded), dnsWithin) ??
        subtreeError(names.ips, ipBases(permitted), ipBases(excluded), ipWithin);
      if (error) return error;
    }
  }
  return null;
}
