import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateInfo } from './types.js';

/** Signature algorithm OIDs → name and hash (RFC 3279, 4055, 5758, 8410). */
const SIGNATURE_ALGORITHMS: Record<string, { name: string; hash: string | null }> = {
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512' },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', hash: null },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.2.840.10040.4.3': { name: 'dsa-with-sha1', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa-with-sha256', hash: 'sha256' },
  '1.3.101.112': { name: 'Ed25519', hash: 'intrinsic' },
  '1.3.101.113': { name: 'Ed448', hash: 'intrinsic' },
};

const PSS_HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/**
 * The outer signatureAlgorithm of a certificate, read with forge's ASN.1
 * reader (node's X509Certificate does not expose it, and forge's certificate
 * parser rejects EC keys).
 */
export function signatureAlgorithmOf(der: Buffer): { oid: string | null; name: string | null; hash: string | null } {
  try {
    const cert = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
    const algId = childOf(cert, 1);
    const oid = forge.asn1.derToOid(forge.util.createBuffer(childOf(algId, 0).value as string));
    const known = SIGNATURE_ALGORITHMS[oid];
    let hash = known?.hash ?? null;
    if (oid === '1.2.840.113549.1.1.10') hash = pssHash((algId.value as forge.asn1.Asn1[])[1]);
    return { oid, name: known?.name ?? null, hash };
  } catch {
    return { oid: null, name: null, hash: null };
  }
}

/** The `index`th element of an ASN.1 SEQUENCE; a missing one is a malformed certificate. */
function childOf(node: forge.asn1.Asn1, index: number): forge.asn1.Asn1 {
  const child = (node.value as forge.asn1.Asn1[])[index];
  if (!child) throw new Error(`ASN.1 element ${index} missing`);
  return child;
}

/** RSASSA-PSS parameters: [0] hashAlgorithm, defaulting to SHA-1 when absent (RFC 4055). */
function pssHash(params: forge.asn1.Asn1 | undefined): string | null {
  const fields = (params?.value ?? []) as forge.asn1.Asn1[];
  const tagged = fields.find((f) => f.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && Number(f.type) === 0);
  if (!tagged) return 'sha1';
  const algo = childOf(childOf(tagged, 0), 0);
  return PSS_HASHES[forge.asn1.derToOid(forge.util.createBuffer(algo.value as string))] ?? null;
}

/**
 * Plain data about one certificate: key, validity, names, signature. Every endpoint signed by one CA shows
 * that CA again, and a chain is read by more than one fact: each distinct certificate is parsed once, for the
 * last few thousand. The answer is shared, so it is frozen.
 */
export function describeCertificate(der: Buffer): CertificateInfo {
  const key = der.toString('base64');
  let info = described.get(key);
  if (!info) {
    if (described.size >= MAX_DESCRIBED) described.clear();
    described.set(key, (info = Object.freeze(parseCertificate(der))));
  }
  return info;
}

const described = new Map<string, Readonly<CertificateInfo>>();
const MAX_DESCRIBED = 4096;

function parseCertificate(der: Buffer): CertificateInfo {
  const x = new X509Certificate(der);
  const key = x.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const sig = signatureAlgorithmOf(der);
  return {
    subject: oneLine(x.subject),
    issuer: oneLine(x.issuer),
    serialNumber: x.serialNumber,
    validFrom: new Date(x.validFrom).toISOString(),
    validTo: new Date(x.validTo).toISOString(),
    subjectAltNames: x.subjectAltName ? x.subjectAltName.split(/,\s*/) : [],
    keyType: key.asymmetricKeyType ?? null,
    keyBits: details.modulusLength ?? curveBits(details.namedCurve) ?? null,
    curve: details.namedCurve ?? null,
    signatureAlgorithmOid: sig.oid,
    signatureAlgorithm: sig.name,
    signatureHash: sig.hash,
    selfIssued: x.subject === x.issuer,
    fingerprint256: x.fingerprint256,
    pem: x.toString(),
  };
}

const CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  'P-256': 256,
  secp384r1: 384,
  'P-384': 384,
  secp521r1: 521,
  'P-521': 521,
  secp256k1: 256,
  secp224r1: 224,
  prime192v1: 192,
};

function curveBits(curve: string | undefined): number | undefined {
  return curve ? CURVE_BITS[curve] : undefined;
}

function oneLine(dn: string): string {
  return dn.split('\n').filter(Boolean).join(', ');
}
