import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../core/errors.js';
import { canonicalJson, sha256 } from './files.js';

/** The envelope's payload type (DSSE) and the Statement type (in-toto v1) that standard attestation tooling reads. */
export const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const PREDICATE_TYPE = 'https://annexa.dev/attestation/run/v1';
/** The DSSE envelope beside the manifest: one envelope on one line, as `.intoto.jsonl` readers expect. */
export const ENVELOPE_FILE = 'attestation.intoto.jsonl';
/** Names the private key file when `--sign-key` is not given (the key itself never goes in the environment). */
export const SIGN_KEY_ENV = 'ANNEXA_SIGN_KEY';

export interface ManifestSignature {
  algorithm: 'ed25519';
  /** sha256 (hex) of the raw 32-byte public key. */
  keyId: string;
  /** Base64 Ed25519 signature over the envelope's pre-authentication encoding. */
  value: string;
  /** File name of the DSSE envelope in the run folder. */
  envelope: string;
}

export interface Statement {
  _type: string;
  subject: { name: string; digest: { sha256: string } }[];
  predicateType: string;
  predicate: unknown;
}

export interface Envelope {
  payload: string;
  payloadType: string;
  signatures: { keyid?: string; sig: string }[];
}

/** DSSE v1 pre-authentication encoding: "DSSEv1 <len type> <type> <len body> <body>", lengths in bytes. */
export function pae(payloadType: string, body: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
}

export function keyIdOf(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' });
  return sha256(Buffer.from(x!, 'base64url'));
}

function readKey(file: string, what: string, parse: (pem: Buffer) => KeyObject): KeyObject {
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let key: KeyObject;
  try {
    key = parse(pem);
  } catch {
    // The parser's message may quote the key; say only what the file is not.
    throw new UsageError(`${file}: not a PEM ${what}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`${file}: an ${key.asymmetricKeyType} key; annexa signs with Ed25519 (annexa keygen)`);
  return key;
}

export const readPrivateKey = (file: string) => readKey(file, 'private key', (pem) => createPrivateKey(pem));
/** A public key file, or the public half of a private key file. */
export const readPublicKey = (file: string) => readKey(file, 'public key', (pem) => createPublicKey(pem));

/** A new Ed25519 key pair as PEM (PKCS#8 private, SPKI public), with its key id. */
export function generateKeyPair(): { privatePem: string; publicPem: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    keyId: keyIdOf(publicKey),
  };
}

/**
 * Signs a run: an in-toto Statement whose subjects are the run's files and
 * whose predicate is the manifest as written without its signature, in a
 * DSSE envelope. The manifest then carries the same signature.
 */
export function signRun(
  privateKey: KeyObject,
  unsignedManifest: { files: Record<string, { sha256: string }> },
): { signature: ManifestSignature; envelope: string } {
  const statement: Statement = {
    _type: STATEMENT_TYPE,
    subject: Object.entries(unsignedManifest.files)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, f]) => ({ name, digest: { sha256: f.sha256 } })),
    predicateType: PREDICATE_TYPE,
    predicate: unsignedManifest,
  };
  const body = Buffer.from(JSON.stringify(statement));
  const keyId = keyIdOf(createPublicKey(privateKey));
  const value = sign(null, pae(PAYLOAD_TYPE, body), privateKey).toString('base64');
  const envelope: Envelope = { payload: body.toString('base64'), payloadType: PAYLOAD_TYPE, signatures: [{ keyid: keyId, sig: value }] };
  return { signature: { algorithm: 'ed25519', keyId, value, envelope: ENVELOPE_FILE }, envelope: `${JSON.stringify(envelope)}\n` };
}

/** Whether `sig` (base64 or base64url, as DSSE allows) signs the envelope's payload with `publicKey`. */
export function envelopeSignatureHolds(envelope: Envelope, sig: string, publicKey: KeyObject): boolean {
  const body = Buffer.from(envelope.payload, 'base64');
  return verify(null, pae(envelope.payloadType, body), publicKey, Buffer.from(sig, 'base64'));
}

export interface SignatureFinding {
  status: 'unsigned' | 'verified' | 'unchecked' | 'invalid';
  keyId?: string;
  problems: string[];
  notes: string[];
}

/**
 * Checks a run's signature: the envelope names the same files and hashes as
 * the manifest, its predicate is the manifest as signed, and — with a public
 * key — the Ed25519 signature holds. Without a key only the first two can be
 * checked, and the finding says so.
 */
export function signatureFindings(
  manifest: { files: Record<string, { sha256: string }>; signature: ManifestSignature | null },
  envelopeText: string | undefined,
  publicKey: KeyObject | undefined,
): SignatureFinding {
  const signature = manifest.signature;
  if (!signature) {
    return { status: 'unsigned', problems: publicKey ? ['signature: the run is not signed, but a public key was given to check it with'] : [], notes: [] };
  }
  const problems: string[] = [];
  const fail = (message: string): SignatureFinding => ({ status: 'invalid', keyId: signature.keyId, problems: [...problems, `signature: ${message}`], notes: [] });
  if (envelopeText === undefined) return fail(`the envelope ${signature.envelope} is missing`);
  let envelope: Envelope;
  let statement: Statement;
  try {
    envelope = JSON.parse(envelopeText) as Envelope;
    statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as Statement;
  } catch (err) {
    return fail(`${signature.envelope} cannot be read: ${(err as Error).message}`);
  }
  if (envelope.payloadType !== PAYLOAD_TYPE) problems.push(`signature: ${signature.envelope} has payload type ${envelope.payloadType}, not ${PAYLOAD_TYPE}`);
  if (statement._type !== STATEMENT_TYPE || statement.predicateType !== PREDICATE_TYPE) problems.push(`signature: ${signature.envelope} does not hold an annexa run statement`);
  if (!envelope.signatures?.some((s) => s.sig === signature.value)) problems.push(`signature: ${signature.envelope} does not carry the manifest's signature`);
  const signed = new Map((statement.subject ?? []).map((s) => [s.name, s.digest?.sha256]));
  for (const [name, file] of Object.entries(manifest.files)) {
    if (!signed.has(name)) problems.push(`signature: ${name} is in the manifest but not in the signed statement`);
    else if (signed.get(name) !== file.sha256) problems.push(`signature: the signed statement gives ${name} sha256 ${signed.get(name)}, the manifest ${file.sha256}`);
  }
  for (const name of signed.keys()) if (!(name in manifest.files)) problems.push(`signature: ${name} is in the signed statement but not in the manifest`);
  const changed = changedKeys(statement.predicate, { ...manifest, signature: null });
  if (changed.length) problems.push(`signature: the manifest differs from the one signed in ${changed.join(', ')}`);
  if (!publicKey) {
    return { status: problems.length ? 'invalid' : 'unchecked', keyId: signature.keyId, problems, notes: [`signed with key ${signature.keyId}, not checked: give --public-key FILE`] };
  }
  const given = keyIdOf(publicKey);
  if (given !== signature.keyId) problems.push(`signature: made with key ${signature.keyId}, but the public key given is ${given}`);
  else if (!envelopeSignatureHolds(envelope, signature.value, publicKey)) problems.push('signature: the Ed25519 signature does not verify with the public key given');
  return { status: problems.length ? 'invalid' : 'verified', keyId: signature.keyId, problems, notes: [] };
}

/** Top-level keys whose values differ (compared as sorted-key JSON). */
function changedKeys(a: unknown, b: Record<string, unknown>): string[] {
  const left = (a && typeof a === 'object' ? a : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(left), ...Object.keys(b)])];
  return keys.filter((k) => canonicalJson(left[k]) !== canonicalJson(b[k]));
}
