import { X509Certificate } from 'node:crypto';
import type { CallRecorder } from '../../core/facts.js';
import { describeCertificate } from './certificate.js';
import { nameMismatch, trustAnchors, verifyChain } from './chain-verify.js';
import type { HandshakeFact, ProtocolsFact, SuitesFact } from './types.js';
import { fetchCertificateChain, suiteInfo, type ChainAnswer, type ChainOptions, type Endpoint, type TlsVersion } from './wire/index.js';

/**
 * The fallback for endpoints node:tls cannot complete a handshake with (SSLv3,
 * RC4, 3DES or EXPORT only): up to TLS 1.2 the server's Certificate message
 * travels in the clear, so the raw wire layer reads the chain, and it is
 * verified and described here as a node handshake would have.
 */

type Hints = Pick<ChainOptions, 'version' | 'suites'>;
const PLAINTEXT_VERSIONS = ['SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2'];

/**
 * What to offer: the highest version the protocol probes found accepted, with
 * the suites found in it, so that one hello usually does. Best effort: without
 * those facts (or with an incomplete suite list) everything is offered.
 */
export async function chainHints(
  protocols: () => Promise<ProtocolsFact>,
  suites: (version: string) => Promise<SuitesFact>,
): Promise<Hints> {
  let accepted: string[];
  try {
    accepted = (await protocols()).accepted;
  } catch {
    return {};
  }
  if (accepted.length === 0) return {};
  const plaintext = accepted.filter((v) => PLAINTEXT_VERSIONS.includes(v));
  // only TLS 1.3: the probe will say the certificate is encrypted, which is the honest reason
  const version = (plaintext.at(-1) ?? 'TLSv1.3') as TlsVersion;
  const found = await suites(version).catch(() => null);
  const ids = found && !found.inconclusive ? found.accepted.map((s) => s.id) : [];
  return ids.length ? { version, suites: ids } : { version };
}

function suiteName(id: number): string {
  return suiteInfo(id)?.iana ?? `0x${id.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The handshake fact completed with what the raw probe read: its chain, trust and name verdicts, and how it was read. */
export function withRawChain(h: HandshakeFact, answer: ChainAnswer, trusted: readonly string[] | undefined, now: Date): HandshakeFact {
  if (answer.kind === 'error') return { ...h, source: null, rawProbe: { version: null, suite: null, failure: answer.reason } };
  const negotiated = { version: answer.version, suite: suiteName(answer.suite) };
  let certs: X509Certificate[];
  try {
    certs = answer.chainDer.map((b64) => new X509Certificate(Buffer.from(b64, 'base64')));
  } catch (err) {
    return { ...h, source: null, rawProbe: { ...negotiated, failure: `unreadable certificate: ${(err as Error).message}` } };
  }
  const leaf = certs[0];
  if (!leaf) return { ...h, source: null, rawProbe: { ...negotiated, failure: 'no certificate in the answer' } };
  const verdict = verifyChain(certs, trustAnchors(trusted), now);
  const mismatch = nameMismatch(h.expectedName, leaf);
  return {
    ...h,
    authorized: verdict.error === null,
    authorizationError: verdict.error,
    nameMatches: mismatch === null,
    nameMismatchReason: mismatch,
    chain: verdict.path.map((c) => describeCertificate(c.raw)),
    source: 'raw-probe',
    rawProbe: { ...negotiated, failure: null },
  };
}

/**
 * When node:tls completed no handshake, reads the chain with the raw probe.
 * The hints are awaited before the probe's own call, so that waiting for other
 * facts never holds a connection slot of the pool.
 */
export async function withRawFallback(
  rec: CallRecorder,
  h: HandshakeFact,
  o: { endpoint: Endpoint; trusted: () => readonly string[] | undefined; hints: () => Promise<Hints> },
): Promise<HandshakeFact> {
  if (h.completed) return h;
  const hints = await o.hints();
  const answer = await rec.call({ operation: 'tls:ClientHello(certificate)' }, (signal) =>
    fetchCertificateChain({ ...o.endpoint, ...hints, signal }),
  );
  return withRawChain(h, answer, o.trusted(), new Date());
}
