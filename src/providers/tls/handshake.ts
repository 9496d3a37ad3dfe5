import tls, { type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { describeCertificate } from './certificate.js';
import { HandshakeFailed, stapledOcsp, withFallback, type ConnectArgs } from './connect.js';
import type { CertificateInfo, HandshakeFact } from './types.js';

/**
 * One full handshake with node:tls: the presented chain, what was negotiated,
 * whether the chain verifies and whether the leaf names `expectedName`.
 */
export async function readHandshake(args: ConnectArgs & { expectedName: string; extraCa: boolean }): Promise<HandshakeFact> {
  try {
    const { value, clientRefusal } = await withFallback(args, async (socket) => describeSession(socket, args.expectedName));
    return { ...value, trust: args.extraCa ? 'system+ca' : 'system', clientRefusal, failure: null, source: 'node-tls', rawProbe: null };
  } catch (err) {
    if (!(err instanceof HandshakeFailed)) throw err;
    // Reachable, but not even a permissive node client could complete a
    // handshake (e.g. SSLv3 or RC4 only): nothing read here, which is not a
    // pass; the raw probe may still read the chain (raw-certificate.ts).
    return {
      completed: false,
      protocol: null,
      cipher: null,
      ephemeralKey: null,
      authorized: false,
      authorizationError: null,
      trust: args.extraCa ? 'system+ca' : 'system',
      expectedName: args.expectedName,
      nameMatches: false,
      nameMismatchReason: null,
      chain: [],
      clientRefusal: null,
      failure: { code: err.code ?? null, message: err.message },
      source: null,
      rawProbe: null,
      ocspStapled: null,
    };
  }
}

type Session = Omit<HandshakeFact, 'trust' | 'clientRefusal' | 'failure'>;

async function describeSession(socket: TLSSocket, expectedName: string): Promise<Session> {
  const peer = socket.getPeerCertificate(true);
  const chain = chainOf(peer);
  const nameError = peer.raw ? tls.checkServerIdentity(expectedName, peer) : new Error('no certificate presented');
  const cipher = socket.getCipher();
  const eph = socket.getEphemeralKeyInfo();
  return {
    completed: true,
    protocol: socket.getProtocol(),
    cipher: cipher ? { name: cipher.name, standardName: cipher.standardName ?? null } : null,
    ephemeralKey: eph && 'type' in eph && eph.type ? { type: eph.type, name: eph.name ?? null, size: eph.size ?? null } : null,
    authorized: socket.authorized,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
    expectedName,
    nameMatches: !nameError,
    nameMismatchReason: nameError ? nameError.message : null,
    chain,
    ocspStapled: stapledOcsp(socket)?.toString('base64') ?? null,
  };
}

/** The presented chain, leaf first; node links a self-signed certificate to itself. */
function chainOf(leaf: DetailedPeerCertificate): CertificateInfo[] {
  const out: CertificateInfo[] = [];
  const seen = new Set<string>();
  let cert: DetailedPeerCertificate | undefined = leaf;
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    out.push(describeCertificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return out;
}
