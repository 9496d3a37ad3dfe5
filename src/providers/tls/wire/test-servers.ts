/**
 * Loopback servers for the wire-layer tests: node:tls with a throw-away
 * self-signed RSA certificate, and bare TCP servers that misbehave on purpose.
 * Test support only; nothing in the probe imports it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import forge from 'node-forge';

let cached: { key: string; cert: string } | undefined;

/** A self-signed RSA 2048 certificate for localhost (node:crypto makes the key, node-forge the certificate). */
export function testCertificate(): { key: string; cert: string } {
  if (cached) return cached;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(key);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const name = [{ name: 'commonName', value: 'localhost' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }]);
  cert.sign(forgeKey, forge.md.sha256.create());
  cached = { key, cert: forge.pki.certificateToPem(cert) };
  return cached;
}

export interface Running {
  port: number;
  stop(): Promise<void>;
}

async function listen(server: Server, sockets: Set<Socket>): Promise<Running> {
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A node:tls server; handshake errors (our probes never finish) are expected and ignored. */
export function startNodeTls(options: TlsOptions): Promise<Running> {
  const server = createTlsServer({ ...testCertificate(), ...options }, (s) => s.end());
  server.on('tlsClientError', () => undefined);
  return listen(server, new Set());
}

/** A TCP server that runs `onConnection` for each client (to answer garbage, or nothing). */
export function startTcp(onConnection: (socket: Socket) => void): Promise<Running> {
  const server = createTcpServer((s) => {
    s.on('error', () => undefined);
    onConnection(s);
  });
  return listen(server, new Set());
}

/** A port with nothing listening: bound, then closed. */
export async function closedPort(): Promise<number> {
  const running = await startTcp(() => undefined);
  await running.stop();
  return running.port;
}
