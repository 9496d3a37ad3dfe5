import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';
import * as pkijs from 'pkijs';

/**
 * Certificates for the sandbox listeners. Keys come from node:crypto (fast,
 * and EC as well as RSA); forge only lays out the TBSCertificate, whose key
 * and algorithm fields are swapped for node's DER before node signs it.
 */

export type KeySpec = { type: 'rsa'; bits: number } | { type: 'ec'; curve: 'P-256' | 'P-384' | 'P-521' };
export type SignatureHash = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export interface KeyPair {
  spec: KeySpec;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

// Sandbox keys are throwaway: one per spec per process keeps start-up fast (RSA generation dominates).
const keyCache = new Map<string, KeyPair>();

export function keyPair(spec: KeySpec, slot = 'leaf'): KeyPair {
  const id = `${slot}:${spec.type === 'rsa' ? `rsa-${spec.bits}` : `ec-${spec.curve}`}`;
  let pair = keyCache.get(id);
  if (!pair) {
    const keys =
      spec.type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: spec.bits })
        : generateKeyPairSync('ec', { namedCurve: spec.curve });
    pair = { spec, ...keys };
    keyCache.set(id, pair);
  }
  return pair;
}

const SIG_OIDS: Record<'rsa' | 'ec', Record<SignatureHash, string>> = {
  rsa: { sha1: '1.2.840.113549.1.1.5', sha256: '1.2.840.113549.1.1.11', sha384: '1.2.840.113549.1.1.12', sha512: '1.2.840.113549.1.1.13' },
  ec: { sha1: '1.2.840.10045.4.1', sha256: '1.2.840.10045.4.3.2', sha384: '1.2.840.10045.4.3.3', sha512: '1.2.840.10045.4.3.4' },
};

export interface Issuer {
  commonName: string;
  keys: KeyPair;
}

export interface CertificateSpec {
  commonName: string;
  sans?: string[];
  keys: KeyPair;
  notBefore: Date;
  notAfter: Date;
  hash: SignatureHash;
  /** Signer; absent means self-signed. */
  issuer?: Issuer;
  isCa?: boolean;
  /** A CA's pathLenConstraint. */
  pathLen?: number;
  /** A CA's name constraints on DNS names (RFC 5280 §4.2.1.10). */
  permittedDns?: string[];
  excludedDns?: string[];
  /** A leaf's extended key usage; default serverAuth. */
  extendedKeyUsage?: Array<'serverAuth' | 'clientAuth'>;
  /** The OCSP responder named in the Authority Information Access extension. */
  ocspUrl?: string;
}

const asn1 = forge.asn1;

/** A signed X.509 v3 certificate, as PEM. */
export function issueCertificate(spec: CertificateSpec): string {
  const signer = spec.issuer ?? { commonName: spec.commonName, keys: spec.keys };
  const cert = forge.pki.createCertificate();
  // Positive serial: a leading byte below 0x80.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject([
    { name: 'commonName', value: spec.commonName },
    { name: 'organizationName', value: 'Acme Sandbox' },
  ]);
  cert.setIssuer([
    { name: 'commonName', value: signer.commonName },
    { name: 'organizationName', value: 'Acme Sandbox' },
  ]);
  cert.setExtensions(extensionsFor(spec));
  // getTBSCertificate needs a forge key; the real SubjectPublicKeyInfo replaces it below.
  cert.publicKey = forge.pki.setRsaPublicKey(new forge.jsbn.BigInteger('3'), new forge.jsbn.BigInteger('3'));
  cert.siginfo.algorithmOid = SIG_OIDS.rsa.sha256;
  const sigOid = SIG_OIDS[signer.keys.spec.type][spec.hash];
  const algorithm = algorithmIdentifier(sigOid, signer.keys.spec.type);
  // Typed loosely by @types/node-forge, but part of forge's public pki API.
  const tbs = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  const fields = tbs.value as forge.asn1.Asn1[];
  fields[2] = algorithm;
  fields[6] = asn1.fromDer(forge.util.createBuffer(spec.keys.publicKey.export({ type: 'spki', format: 'der' }).toString('binary')));
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign(spec.hash, tbsDer, signer.keys.privateKey);
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    algorithmIdentifier(sigOid, signer.keys.spec.type),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  return forge.pem.encode({ type: 'CERTIFICATE', body: asn1.toDer(certificate).getBytes() });
}

/** RSA algorithm identifiers carry NULL parameters; ECDSA ones have none (RFC 5758). */
function algorithmIdentifier(oid: string, keyType: 'rsa' | 'ec'): forge.asn1.Asn1 {
  const parts = [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes())];
  if (keyType === 'rsa') parts.push(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''));
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, parts);
}

function extensionsFor(spec: CertificateSpec): object[] {
  const aia = spec.ocspUrl ? [rawExtension('1.3.6.1.5.5.7.1.1', false, authorityInfoAccess(spec.ocspUrl))] : [];
  if (spec.isCa) {
    const constraints = spec.permittedDns || spec.excludedDns ? [rawExtension('2.5.29.30', true, nameConstraints(spec))] : [];
    return [
      { name: 'basicConstraints', cA: true, critical: true, ...(spec.pathLen !== undefined ? { pathLenConstraint: spec.pathLen } : {}) },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ...constraints,
      ...aia,
    ];
  }
  const altNames = (spec.sans ?? [spec.commonName]).map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n }));
  const usages = Object.fromEntries((spec.extendedKeyUsage ?? ['serverAuth']).map((u) => [u, true]));
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: spec.keys.spec.type === 'rsa', critical: true },
    { name: 'extKeyUsage', ...usages },
    { name: 'subjectAltName', altNames },
    ...aia,
  ];
}

/** An extension forge has no builder for, given as its DER value. */
function rawExtension(id: string, critical: boolean, der: ArrayBuffer): object {
  return { id, critical, value: Buffer.from(der).toString('binary') };
}

function nameConstraints(spec: CertificateSpec): ArrayBuffer {
  const subtrees = (names: string[] | undefined) =>
    (names ?? []).map((value) => new pkijs.GeneralSubtree({ base: new pkijs.GeneralName({ type: 2, value }) }));
  return new pkijs.NameConstraints({
    ...(spec.permittedDns ? { permittedSubtrees: subtrees(spec.permittedDns) } : {}),
    ...(spec.excludedDns ? { excludedSubtrees: subtrees(spec.excludedDns) } : {}),
  })
    .toSchema()
    .toBER();
}

function authorityInfoAccess(url: string): ArrayBuffer {
  const ocsp = new pkijs.AccessDescription({
    accessMethod: '1.3.6.1.5.5.7.48.1',
    accessLocation: new pkijs.GeneralName({ type: 6, value: url }),
  });
  return new pkijs.InfoAccess({ accessDescriptions: [ocsp] }).toSchema().toBER();
}

export interface SandboxCa extends Issuer {
  pem: string;
}

/** The sandbox root: RSA-2048, SHA-256, valid from a year ago for ten years. */
export function createSandboxCa(now: Date, commonName = 'Acme Sandbox Root CA'): SandboxCa {
  const keys = keyPair({ type: 'rsa', bits: 2048 }, 'ca');
  const day = 86_400_000;
  const pem = issueCertificate({
    commonName,
    keys,
    hash: 'sha256',
    isCa: true,
    notBefore: new Date(now.getTime() - 365 * day),
    notAfter: new Date(now.getTime() + 3650 * day),
  });
  return { commonName, keys, pem };
}
