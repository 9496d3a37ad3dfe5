import { buildClientHello } from './client-hello.js';
import { ChainInterpreter, type ChainAnswer } from './chain-reader.js';
import { exchange } from './exchange.js';
import { gated, neverHungUp } from './gate.js';
import { checkEndpoint, chunkSize } from './probe.js';
import { pinAddress } from './resolve.js';
import { suiteInfo, suitesFor } from './suites.js';
import type { Endpoint, TlsVersion } from './types.js';

export interface ChainOptions extends Endpoint {
  /** Version to offer; default every version from TLS 1.2 down to SSLv3, until one yields a chain. */
  version?: TlsVersion;
  /** Suites to offer (say those the suite probes found accepted); default every catalogued suite of the version. */
  suites?: readonly number[];
  maxSuitesPerHello?: number;
}

export type CertificateChain = Extract<ChainAnswer, { kind: 'chain' }>;

/** Before TLS 1.3 the Certificate message travels in the clear; highest first, as a client would try. */
const PLAINTEXT_VERSIONS: readonly TlsVersion[] = ['TLSv1.2', 'TLSv1.1', 'TLSv1.0', 'SSLv3'];

/** Authentication methods whose suites make the server send a certificate (anonymous, PSK, SRP, Kerberos do not). */
const CERTIFIED = new Set(['RSA', 'ECDSA', 'DSS', 'DH', 'ECDH', 'GOST']);

function offerable(id: number, version: TlsVersion): boolean {
  const info = suiteInfo(id);
  // an uncatalogued suite the server is known to accept may well carry a certificate: offer it
  return info ? CERTIFIED.has(info.auth) && info.versions.includes(version) : id >> 8 !== 0x13;
}

/**
 * The certificate chain a server presents, read from the plaintext Certificate
 * message that follows its ServerHello (SSLv3 to TLS 1.2): no key exchange,
 * so this works where node's OpenSSL 3 cannot complete a handshake (SSLv3,
 * RC4, 3DES, EXPORT). Tries each version, then each bundle of suites, until a
 * chain comes back; the answer is the chain, the first failure that was not a
 * refusal, or else the first refusal.
 */
export async function fetchCertificateChain(o: ChainOptions): Promise<ChainAnswer> {
  checkEndpoint(o);
  if (o.version === 'TLSv1.3') return { kind: 'error', reason: 'TLS 1.3 sends its certificate encrypted' };
  const size = chunkSize(o);
  const pinned = await pinAddress(o);
  if ('error' in pinned) return { kind: 'error', reason: pinned.error };
  const endpoint = pinned.endpoint;
  let failure: ChainAnswer | undefined;
  for (const version of o.version ? [o.version] : PLAINTEXT_VERSIONS) {
    const suites = [...new Set(o.suites ?? suitesFor(version))].filter((id) => offerable(id, version));
    for (let i = 0; i < suites.length; i += size) {
      const offer = suites.slice(i, i + size);
      const hello = buildClientHello({ version, suites: offer, servername: endpoint.servername ?? endpoint.host });
      // within the endpoint's gate like every probe; a refusal here is tried with other suites, not asked again alone
      const answer = await gated(endpoint, () => exchange(endpoint, hello, new ChainInterpreter(version, new Set(offer))), neverHungUp);
      // only a refusal of this hello leaves hope for another bundle or version; anything else decides
      if (answer.kind === 'chain' || !answer.refused) return answer;
      failure ??= answer;
    }
  }
  return failure ?? { kind: 'error', reason: 'no suite that carries a certificate to offer' };
}
