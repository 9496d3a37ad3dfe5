import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeCertificate, signatureAlgorithmOf } from '../../src/providers/tls/certificate.js';
import { createSandboxCa, issueCertificate, keyPair, type KeySpec, type SignatureHash } from '../../src/sandbox/tls/certs.js';

const now = new Date('2026-06-01T00:00:00Z');
const ca = createSandboxCa(now);
const der = (pem: string) => new X509Certificate(pem).raw;
const leaf = (key: KeySpec, hash: SignatureHash, self = false) =>
  issueCertificate({
    commonName: 'x.test',
    sans: ['x.test', '127.0.0.1'],
    keys: keyPair(key),
    notBefore: now,
    notAfter: new Date(now.getTime() + 90 * 86_400_000),
    hash,
    ...(self ? {} : { issuer: ca }),
  });

describe('certificate facts', () => {
  it.each<[KeySpec, SignatureHash, boolean, string, string]>([
    [{ type: 'rsa', bits: 2048 }, 'sha256', false, 'sha256WithRSAEncryption', 'sha256'],
    [{ type: 'rsa', bits: 1024 }, 'sha1', true, 'sha1WithRSAEncryption', 'sha1'],
    [{ type: 'ec', curve: 'P-256' }, 'sha256', true, 'ecdsa-with-SHA256', 'sha256'],
    [{ type: 'ec', curve: 'P-384' }, 'sha384', true, 'ecdsa-with-SHA384', 'sha384'],
  ])('reads %j signed with %s (self-signed: %s)', (key, hash, self, name, expectedHash) => {
    const info = describeCertificate(der(leaf(key, hash, self)));
    expect(info).toMatchObject({ signatureAlgorithm: name, signatureHash: expectedHash, keyType: key.type, selfIssued: self });
    expect(info.keyBits).toBe(key.type === 'rsa' ? key.bits : Number(key.curve.slice(2)));
    expect(info.subjectAltNames).toEqual(['DNS:x.test', 'IP Address:127.0.0.1']);
    expect(info.validFrom).toBe('2026-06-01T00:00:00.000Z');
  });

  it('describes each distinct certificate once, and tells two apart', () => {
    const a = der(leaf({ type: 'ec', curve: 'P-256' }, 'sha256'));
    const first = describeCertificate(a);
    // the same bytes in another buffer (a second handshake's chain): the same, frozen description
    expect(describeCertificate(Buffer.from(a))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(describeCertificate(der(leaf({ type: 'ec', curve: 'P-256' }, 'sha256'))).serialNumber).not.toBe(first.serialNumber);
  });

  it('issues leaves that verify against the sandbox CA', () => {
    const cert = new X509Certificate(leaf({ type: 'ec', curve: 'P-256' }, 'sha256'));
    expect(cert.checkIssued(new X509Certificate(ca.pem))).toBe(true);
    expect(cert.verify(new X509Certificate(ca.pem).publicKey)).toBe(true);
  });

  it('answers nulls for bytes that are not a certificate', () => {
    expect(signatureAlgorithmOf(Buffer.from('nonsense'))).toEqual({ oid: null, name: null, hash: null });
  });
});
