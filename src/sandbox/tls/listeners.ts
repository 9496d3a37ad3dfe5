import { getDiffieHellman } from 'node:crypto';
import { once } from 'node:events';
import https from 'node:https';
import net, { type AddressInfo, type Server } from 'node:net';
import tls, { type SecureVersion } from 'node:tls';
import * as asn1js from 'asn1js';
import type { StartTlsServerProtocol } from './starttls.js';
import { keyPair, issueCertificate, type Issuer, type KeySpec, type SignatureHash } from './certs.js';

/** One endpoint of the scenario's `tls` section (see schemas/scenario-tls.schema.json). */
export interface EndpointScenario {
  name: string;
  description?: string;
  kind?: 'https' | 'tls';
  servername?: string;
  profile?: 'mozilla-intermediate' | 'mozilla-modern';
  protocols?: { min?: string; max?: string };
  ciphers?: string;
  ciphersuites?: string;
  certificate?: CertificateScenario;
  hsts?: string;
  /** Serve DHE suites with a well-known MODP group of this size (RFC 2409 / RFC 3526). */
  dhParam?: 1024 | 2048;
  /** OpenSSL group list the server agrees on for ECDHE and TLS 1.3, e.g. secp521r1:prime256v1. */
  ecdhCurve?: string;
  raw?: { versions: string[]; suites: Array<string | number> };
  /** Speak this protocol in plaintext first and upgrade on its STARTTLS command; `offer: false` never upgrades. */
  starttls?: { protocol: StartTlsServerProtocol; offer?: boolean };
  /** Serve SSLv2 only, with these cipher kinds (SSL_CK_… names). */
  sslv2?: { ciphers: string[] };
  unreachable?: boolean;
}

export interface CertificateScenario {
  key?: string;
  sans?: string[];
  commonName?: string;
  notBeforeDays?: number;
  notAfterDays?: number;
  signatureHash?: SignatureHash;
  issuer?: 'ca' | 'self';
  extendedKeyUsage?: Array<'serverAuth' | 'clientAuth'>;
  /** Intermediate CAs between the sandbox root and the leaf, top down; the listener presents them. */
  intermediates?: IntermediateScenario[];
  /** Name the sandbox OCSP responder in the leaf, which answers good or revoked; unreachable: a closed loopback port. */
  ocsp?: 'good' | 'revoked' | 'unreachable';
  /** Staple the responder's answer in the handshake (status_request). */
  ocspStaple?: boolean;
}

export interface IntermediateScenario {
  pathLen?: number;
  permittedDns?: string[];
  excludedDns?: string[];
}

export interface Listening {
  port: number;
  stop: () => Promise<void>;
}

const NODE_VERSIONS: Record<string, SecureVersion> = {
  'TLSv1.0': 'TLSv1',
  'TLSv1.1': 'TLSv1.1',
  'TLSv1.2': 'TLSv1.2',
  'TLSv1.3': 'TLSv1.3',
};
const DAY_MS = 86_400_000;

export function parseKeySpec(text = 'rsa-2048'): KeySpec {
  const [type, size] = text.split('-');
  if (size === undefined) throw new Error(`key spec "${text}" is not type-size (rsa-2048, ec-p256)`);
  if (type === 'ec') return { type: 'ec', curve: `P-${size.slice(1)}` as 'P-256' };
  return { type: 'rsa', bits: Number(size) };
}

/**
 * The leaf (and its key) for one endpoint, CA-signed unless `issuer: self`;
 * `cert` holds the leaf followed by its intermediates, as a server presents them.
 */
export function certificateFor(e: EndpointScenario, ca: Issuer, now: Date, ocspUrl?: string): { cert: string; key: string } {
  const c = e.certificate ?? {};
  const keys = keyPair(parseKeySpec(c.key));
  const sans = c.sans ?? [e.servername ?? '127.0.0.1'];
  const window = {
    notBefore: new Date(now.getTime() + (c.notBeforeDays ?? -30) * DAY_MS),
    notAfter: new Date(now.getTime() + (c.notAfterDays ?? 60) * DAY_MS),
  };
  let issuer = ca;
  const presented: string[] = [];
  for (const [i, spec] of (c.intermediates ?? []).entries()) {
    const commonName = `${e.name} Intermediate CA ${i + 1}`;
    const intermediate = { commonName, keys: keyPair({ type: 'ec', curve: 'P-256' }, `intermediate-${i}`) };
    presented.unshift(issueCertificate({ ...intermediate, ...spec, ...window, hash: 'sha256', isCa: true, issuer }));
    issuer = intermediate;
  }
  const cert = issueCertificate({
    commonName: c.commonName ?? sans[0] ?? e.servername ?? '127.0.0.1',
    sans,
    keys,
    ...window,
    hash: c.signatureHash ?? 'sha256',
    ...(c.extendedKeyUsage ? { extendedKeyUsage: c.extendedKeyUsage } : {}),
    ...(c.issuer === 'self' ? {} : { issuer }),
    ...(ocspUrl ? { ocspUrl } : {}),
  });
  return { cert: [cert, ...presented].join(''), key: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

/**
 * A node:tls (or HTTPS) listener on 127.0.0.1 with the scenario's versions,
 * ciphers and certificate. `@SECLEVEL=0` lets OpenSSL 3 serve what a bad
 * endpoint needs (TLS 1.0, RSA-1024, SHA-1); the cipher list still decides the suites.
 */
export async function startNodeListener(
  e: EndpointScenario,
  identity: { cert: string; key: string },
  staple?: () => Promise<Buffer>,
): Promise<Listening> {
  const server = nodeServer(e, identity);
  if (staple) {
    server.on('OCSPRequest', (_cert: Buffer, _issuer: Buffer, done: (err: Error | null, answer?: Buffer) => void) => {
      staple().then((answer) => done(null, answer), done);
    });
  }
  return listen(server);
}

/** The server of startNodeListener, not yet listening: a STARTTLS listener hands it upgraded connections. */
export function nodeServer(e: EndpointScenario, identity: { cert: string; key: string }): Server {
  const options: tls.TlsOptions = {
    ...identity,
    minVersion: NODE_VERSIONS[e.protocols?.min ?? 'TLSv1.2'],
    maxVersion: NODE_VERSIONS[e.protocols?.max ?? 'TLSv1.3'],
    ciphers: `${e.ciphers ?? 'ECDHE+AESGCM:ECDHE+CHACHA20'}:@SECLEVEL=0`,
    ...(e.ciphersuites ? { ciphersuites: e.ciphersuites } : {}),
    ...(e.dhParam ? { dhparam: dhParameters(e.dhParam) } : {}),
    ...(e.ecdhCurve ? { ecdhCurve: e.ecdhCurve } : {}),
    honorCipherOrder: true,
  };
  const server: Server =
    (e.kind ?? 'https') === 'https'
      ? https.createServer(options, (req, res) => {
          if (e.hsts) res.setHeader('Strict-Transport-Security', e.hsts);
          res.setHeader('Content-Type', 'text/plain');
          res.end(`acme sandbox: ${e.name}\n`);
        })
      : tls.createServer(options, (socket) => socket.end(`acme sandbox: ${e.name}\n`));
  // Probes close mid-handshake on purpose; that is not worth a log line.
  server.on('tlsClientError', () => {});
  server.on('clientError', (_err, socket: net.Socket) => socket.destroy());
  return server;
}

/** PKCS #3 DHParameter PEM of the MODP group of `bits` (Oakley group 2, RFC 3526 group 14), generator 2. */
function dhParameters(bits: 1024 | 2048): string {
  const prime = getDiffieHellman(bits === 1024 ? 'modp2' : 'modp14').getPrime();
  const der = new asn1js.Sequence({
    value: [new asn1js.Integer({ valueHex: Buffer.concat([Buffer.from([0]), prime]) }), new asn1js.Integer({ value: 2 })],
  }).toBER();
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN DH PARAMETERS-----\n${body}\n-----END DH PARAMETERS-----\n`;
}

/** A port that was bound and released: connecting to it is refused. */
export async function reserveClosedPort(): Promise<Listening> {
  const { port, stop } = await listen(net.createServer());
  await stop();
  return { port, stop: async () => {} };
}

export async function listen(server: Server): Promise<Listening> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
