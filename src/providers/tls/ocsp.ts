import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { HandshakeFact, RevocationFact } from './types.js';

/**
 * Whether the CA revoked the leaf, asked the way a client asks (RFC 6960):
 * the answer the server stapled in the handshake when there is one, else an
 * HTTP POST to the OCSP responder the leaf names in its Authority Information
 * Access. An answer counts only once PKI.js has verified that the issuer (or
 * a responder it delegated with id-kp-OCSPSigning) signed it, that it is about
 * this certificate, and that it is current. OCSP is a read: the request names
 * the certificate and changes nothing.
 *
 * The responder URL comes from the certificate, so from the server: it is
 * fetched only when the chain verified against the trusted roots, only over
 * http(s), within the call's time limit and `MAX_ANSWER_BYTES`, without
 * following redirects, and (sandbox) only on a loopback address.
 */

export interface RevocationOptions {
  timeoutMs: number;
  /** Sandbox: fetch responders on loopback addresses only. */
  loopbackOnly: boolean;
  now?: Date;
  signal?: AbortSignal;
}

/** OCSP answers are a few KiB; a larger body is not one. */
export const MAX_ANSWER_BYTES = 64 * 1024;
/** Clock skew tolerated on an answer's thisUpdate. */
const SKEW_MS = 5 * 60_000;
const STATUS = ['good', 'revoked', 'unknown'] as const;
const RESPONSE_STATUS: Record<number, string> = {
  1: 'malformedRequest',
  2: 'internalError',
  3: 'tryLater',
  5: 'sigRequired',
  6: 'unauthorized',
};

const nothing = { source: null, status: null, revokedAt: null, thisUpdate: null, nextUpdate: null, notAsked: null, failure: null };

/** The OCSP responder URLs of a certificate's Authority Information Access. */
export function ocspResponders(pem: string): string[] {
  const info = new X509Certificate(pem).infoAccess ?? '';
  return [...info.matchAll(/^OCSP - URI:(\S+)$/gm)].map((m) => m[1]!);
}

function pki(pem: string): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new X509Certificate(pem).raw);
}

export async function readRevocation(h: HandshakeFact, o: RevocationOptions): Promise<RevocationFact> {
  const [leaf, issuer] = h.chain;
  if (!leaf) return { responder: null, ...nothing, notAsked: 'no certificate presented' };
  const responder = ocspResponders(leaf.pem)[0] ?? null;
  const base = { responder, ...nothing };
  // an untrusted chain is failed on its own; its URLs and answers are the server's word only
  if (!h.authorized) return { ...base, notAsked: 'the chain does not verify: its OCSP answer or responder is not trusted' };
  if (!issuer) return { ...base, failure: 'the issuer certificate is not in the chain: an OCSP answer cannot be checked' };
  const now = o.now ?? new Date();
  let stapledFailure: string | null = null;
  if (h.ocspStapled) {
    const stapled = await judgeAnswer(Buffer.from(h.ocspStapled, 'base64'), leaf.pem, issuer.pem, now);
    if (!('failure' in stapled)) return { ...base, ...stapled, source: 'stapled' };
    stapledFailure = `stapled answer: ${stapled.failure}`;
  }
  // since 2025 some public CAs (Let's Encrypt among them) publish CRLs only: no OCSP to ask
  if (!responder) {
    return stapledFailure ? { ...base, failure: stapledFailure } : { ...base, notAsked: 'the certificate names no OCSP responder' };
  }
  const asked = await ask(responder, leaf.pem, issuer.pem, o);
  const answer = 'der' in asked ? await judgeAnswer(asked.der, leaf.pem, issuer.pem, now) : asked;
  if ('failure' in answer) return { ...base, source: 'responder', failure: [stapledFailure, answer.failure].filter(Boolean).join('; ') };
  return { ...base, ...answer, source: 'responder' };
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && host === '::1';
}

/** POSTs an OCSP request for the leaf to `url`: the body, or why there is none. */
async function ask(url: string, leafPem: string, issuerPem: string, o: RevocationOptions): Promise<{ der: Buffer } | { failure: string }> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { failure: `responder URL ${url} does not parse` };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    return { failure: `responder scheme ${target.protocol} refused (http or https only)` };
  if (o.loopbackOnly && !isLoopback(target.hostname))
    return { failure: `responder ${target.host} refused: the sandbox asks loopback responders only` };
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(pki(leafPem), { hashAlgorithm: 'SHA-1', issuerCertificate: pki(issuerPem) });
  try {
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'Content-Type': 'application/ocsp-request', Accept: 'application/ocsp-response' },
      body: Buffer.from(request.toSchema(true).toBER()),
      signal: o.signal ? AbortSignal.any([AbortSignal.timeout(o.timeoutMs), o.signal]) : AbortSignal.timeout(o.timeoutMs),
      redirect: 'manual',
    });
    if (answer.status !== 200) {
      await answer.body?.cancel();
      return { failure: `responder answered HTTP ${answer.status}` };
    }
    return await readCapped(answer);
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === 'TimeoutError') return { failure: `responder did not answer within ${o.timeoutMs} ms` };
    return { failure: `responder unreachable: ${e.cause?.code ?? e.cause?.message ?? e.message}` };
  }
}

async function readCapped(answer: Response): Promise<{ der: Buffer } | { failure: string }> {
  const declared = Number(answer.headers.get('content-length') ?? 0);
  const tooLarge = { failure: `responder answer exceeds ${MAX_ANSWER_BYTES} bytes` };
  if (declared > MAX_ANSWER_BYTES) {
    await answer.body?.cancel();
    return tooLarge;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = answer.body?.getReader();
  if (!reader) return { failure: 'responder answered with no body' };
  for (;;) {
    const { done, value } = (await reader.read()) as { done: true; value?: undefined } | { done: false; value: Uint8Array };
    if (done) break;
    size += value.length;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      return tooLarge;
    }
    chunks.push(value);
  }
  return { der: Buffer.concat(chunks) };
}

type Judged = Pick<RevocationFact, 'status' | 'revokedAt' | 'thisUpdate' | 'nextUpdate'>;

async function judgeAnswer(der: Buffer, leafPem: string, issuerPem: string, now: Date): Promise<Judged | { failure: string }> {
  try {
    const response = pkijs.OCSPResponse.fromBER(der);
    const code = response.responseStatus.valueBlock.valueDec;
    if (code !== 0) return { failure: `responder answered ${RESPONSE_STATUS[code] ?? `status ${code}`}` };
    if (!response.responseBytes) return { failure: 'successful answer without a response' };
    const basic = pkijs.BasicOCSPResponse.fromBER(response.responseBytes.response.valueBlock.valueHexView);
    const leaf = pki(leafPem);
    const issuer = pki(issuerPem);
    // an answer signed by the issuer itself often carries no certificate: the issuer is the candidate signer
    if (!basic.certs?.length) basic.certs = [issuer];
    const verified = await basic.verify({ trustedCerts: [issuer], issuerCerts: [issuer] }).catch((err: Error) => err);
    if (verified !== true) return { failure: `signature not verified${verified instanceof Error ? `: ${verified.message}` : ''}` };
    const status = await basic.getCertificateStatus(leaf, issuer);
    if (!status.isForCertificate) return { failure: 'the answer is not about this certificate' };
    const single = basic.tbsResponseData.responses.find((r) => r.certID.serialNumber.isEqual(leaf.serialNumber));
    if (!single) return { failure: 'the answer is not about this certificate' };
    if (single.thisUpdate.getTime() > now.getTime() + SKEW_MS)
      return { failure: `answer dated in the future (${single.thisUpdate.toISOString()})` };
    if (single.nextUpdate && single.nextUpdate.getTime() < now.getTime()) {
      return { failure: `stale answer: its nextUpdate ${single.nextUpdate.toISOString()} has passed` };
    }
    return {
      status: STATUS[status.status] ?? 'unknown',
      revokedAt: status.status === 1 ? revocationTime(single.certStatus) : null,
      thisUpdate: single.thisUpdate.toISOString(),
      nextUpdate: single.nextUpdate?.toISOString() ?? null,
    };
  } catch (err) {
    return { failure: `malformed answer: ${(err as Error).message}` };
  }
}

/** RevokedInfo's revocationTime: [1] IMPLICIT SEQUENCE { GeneralizedTime, reason [0] OPTIONAL }. */
function revocationTime(certStatus: unknown): string | null {
  const value = (certStatus as asn1js.Constructed | undefined)?.valueBlock?.value?.[0];
  return value instanceof asn1js.GeneralizedTime ? value.toDate().toISOString() : null;
}
