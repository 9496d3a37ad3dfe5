/**
 * Loopback servers for the wire-layer tests: node:tls with a throw-away
 * self-signed RSA certificate, and bare TCP servers that misbehave on purpose.
 * Test support only; nothing in the probe imports it.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type TlsOptions } from 'node:tls';
import forge from 'node-forge';
import { listenTracked, type RawListener } from '../../../src/sandbox/tls/raw-listener.js';

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
  cert.setExtensions([
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
      ],
    },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  cached = { key, cert: forge.pki.certificateToPem(cert) };
  return cached;
}

/**
 * A self-signed EC P-256 certificate made by the `openssl` command (node-forge cannot sign
 * with EC keys); undefined where no `openssl` is installed, so that callers can skip.
 */
export function testEcCertificate(): { key: string; cert: string } | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'annexa-ec-'));
  try {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const key = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    writeFileSync(path.join(dir, 'key.pem'), key);
    const args = ['req', '-new', '-x509', '-key', 'key.pem', '-subj', '/CN=localhost', '-days', '2', '-sha256', '-out', 'cert.pem'];
    const run = spawnSync('openssl', args, { cwd: dir, stdio: 'ignore', timeout: 10_000 });
    if (run.status !== 0) return undefined;
    return { key, cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export type Running = RawListener;

/** A node:tls server; handshake errors (our probes never finish) are expected and ignored. */
export function startNodeTls(options: TlsOptions): Promise<Running> {
  const server = createTlsServer({ ...testCertificate(), ...options }, (s) => s.end());
  server.on('tlsClientError', () => undefined);
  return listenTracked(server);
}

/** A TCP server that runs `onConnection` for each client (to answer garbage, or nothing). */
export function startTcp(onConnection: (socket: Socket) => void): Promise<Running> {
  const server = createTcpServer((s) => {
    s.on('error', () => undefined);
    onConnection(s);
  });
  return listenTracked(server);
}

/**
 * A node:tls server behind a front that serves one connection at a time, as
 * some appliances and busy daemons do: a connection that arrives while another
 * is open is hung up on at once (`reset`: with a TCP RST), before any byte.
 */
export function startOneAtATime(options: TlsOptions, hangUp: 'close' | 'reset' = 'close'): Promise<Running> {
  const tlsServer = createTlsServer({ ...testCertificate(), ...options }, (s) => s.end());
  tlsServer.on('tlsClientError', () => undefined);
  let busy = false;
  return startTcp((socket) => {
    if (busy) return void (hangUp === 'reset' ? socket.resetAndDestroy() : socket.destroy());
    busy = true;
    socket.once('close', () => {
      busy = false;
    });
    tlsServer.emit('connection', socket);
  });
}

/** A port with nothing listening: bound, then closed. */
export async function closedPort(): Promise<number> {
  const running = await startTcp(() => undefined);
  await running.stop();
  return running.port;
}

/** Servers started by one test file, all stopped by `stopAll` (for afterAll). */
export function serverPool(): {
  tls(options: TlsOptions): Promise<number>;
  tcp(onConnection: (s: Socket) => void): Promise<number>;
  oneAtATime(options: TlsOptions, hangUp?: 'close' | 'reset'): Promise<number>;
  stopAll(): Promise<void>;
} {
  const running: Running[] = [];
  const keep = (r: Running): number => {
    running.push(r);
    return r.port;
  };
  return {
    tls: async (options) => keep(await startNodeTls(options)),
    tcp: async (onConnection) => keep(await startTcp(onConnection)),
    oneAtATime: async (options, hangUp) => keep(await startOneAtATime(options, hangUp)),
    stopAll: async () => {
      await Promise.all(running.map((r) => r.stop()));
    },
  };
}
