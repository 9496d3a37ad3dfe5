import { createPublicKey, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, keyIdOf, pae, signatureFindings, signRun } from './sign.js';

describe('DSSE signing', () => {
  it('encodes PAE as the DSSE protocol test vector spells it', () => {
    expect(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString()).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('counts bytes, not characters, in PAE lengths', () => {
    expect(pae('t', Buffer.from('é')).toString()).toBe('DSSEv1 1 t 2 é');
  });

  it('signs the unsigned manifest and verifies it; any change to a file hash or to the manifest is named', () => {
    const keys = generateKeyPair();
    const privateKey = createPrivateKey(keys.privatePem);
    const publicKey = createPublicKey(keys.publicPem);
    expect(keyIdOf(publicKey)).toBe(keys.keyId);
    const unsigned = { runId: 'r', files: { 'results.json': { sha256: 'a'.repeat(64), bytes: 1 } }, signature: null };
    const { signature, envelope } = signRun(privateKey, unsigned);
    const manifest = { ...unsigned, signature };
    expect(signatureFindings(manifest, envelope, publicKey)).toMatchObject({ status: 'verified', problems: [] });
    expect(signatureFindings(manifest, envelope, undefined)).toMatchObject({ status: 'unchecked', problems: [] });
    const altered = { ...manifest, runId: 's', files: { 'results.json': { sha256: 'b'.repeat(64), bytes: 1 } } };
    expect(signatureFindings(altered, envelope, publicKey).problems).toEqual([
      `signature: the signed statement gives results.json sha256 ${'a'.repeat(64)}, the manifest ${'b'.repeat(64)}`,
      'signature: the manifest differs from the one signed in runId, files',
    ]);
    expect(signatureFindings(manifest, undefined, publicKey)).toMatchObject({ status: 'invalid', problems: ['signature: the envelope attestation.intoto.jsonl is missing'] });
  });
});
