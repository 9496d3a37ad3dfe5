import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxCa, issueCertificate, keyPair } from '../../sandbox/tls/certs.js';
import { startOcspResponder, type OcspResponder } from '../../sandbox/tls/ocsp-responder.js';
import { describeCertificate } from './certificate.js';
import { MAX_ANSWER_BYTES, readRevocation } from './ocsp.js';
import type { HandshakeFact } from './types.js';
import { X509Certificate } from 'node:crypto';

// The responder URL comes from the server's certificate: what annexa fetches, and how much, is bounded here.
const now = new Date();
const ca = createSandboxCa(now);
const day = 86_400_000;
let responder: OcspResponder;
let hostile: Server;
let hostileUrl: string;

function chainNaming(ocspUrl: string, over: Partial<HandshakeFact> = {}): HandshakeFact {
  const leaf = issueCertificate({
    commonName: 'ocsp.test',
    keys: keyPair({ type: 'rsa', bits: 2048 }),
    notBefore: new Date(now.getTime() - day),
    notAfter: new Date(now.getTime() + 30 * day),
    hash: 'sha256',
    issuer: ca,
    ocspUrl,
  });
  const chain = [leaf, ca.pem].map((pem) => describeCertificate(new X509Certificate(pem).raw));
  return { authorized: true, chain, ocspStapled: null, ...over } as HandshakeFact;
}

const read = (h: HandshakeFact, loopbackOnly = true, timeoutMs = 2000) => readRevocation(h, { timeoutMs, loopbackOnly });

beforeAll(async () => {
  responder = await startOcspResponder(ca);
  hostile = createServer((req, res) => {
    if (req.url === '/huge') {
      res.writeHead(200, { 'Content-Type': 'application/ocsp-response' });
      res.end(Buffer.alloc(MAX_ANSWER_BYTES + 1));
    } else if (req.url === '/garbage') res.end('not DER');
    else if (req.url === '/redirect') res.writeHead(302, { Location: 'http://127.0.0.1:1/' }).end();
    // '/stall': never answers
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await responder?.stop();
  hostile?.closeAllConnections();
  await new Promise((resolve) => hostile?.close(resolve));
});

describe('asking the OCSP responder a leaf names', () => {
  it('reads a good answer signed by the issuer', async () => {
    expect(await read(chainNaming(responder.url))).toMatchObject({ status: 'good', source: 'responder', failure: null });
  });

  it('reads a revoked answer with its date', async () => {
    const h = chainNaming(responder.url);
    responder.revoke(new X509Certificate(h.chain[0]!.pem).serialNumber);
    expect(await read(h)).toMatchObject({ status: 'revoked', revokedAt: expect.stringMatching(/^\d{4}-/) });
  });

  it('never fetches a URL from a chain that does not verify', async () => {
    const r = await read(chainNaming(`${hostileUrl}/stall`, { authorized: false }));
    expect(r).toMatchObject({ status: null, failure: null, notAsked: expect.stringContaining('does not verify') });
  });

  it.each([
    ['a scheme other than http(s)', 'ftp://127.0.0.1/ocsp', 'scheme ftp: refused'],
    ['a non-loopback host in the sandbox', 'http://192.0.2.1/ocsp', 'loopback responders only'],
    ['an answer larger than the limit', '/huge', `exceeds ${MAX_ANSWER_BYTES} bytes`],
    ['a body that is not DER', '/garbage', 'malformed answer'],
    ['a redirect (not followed)', '/redirect', 'HTTP 302'],
    ['a responder that never answers', '/stall', 'did not answer within 300 ms'],
  ])('refuses %s, with the reason and no status', async (_what, url, reason) => {
    const r = await read(chainNaming(url.startsWith('/') ? `${hostileUrl}${url}` : url), true, 300);
    expect(r.status).toBeNull();
    expect(r.failure).toContain(reason);
  });

  it('refuses an answer signed by a key other than the issuer’s', async () => {
    // the issuer's name and certificate, another key: what a forged answer looks like
    const stranger = await startOcspResponder({ ...ca, keys: keyPair({ type: 'rsa', bits: 2048 }, 'stranger') });
    try {
      expect(await read(chainNaming(stranger.url))).toMatchObject({ status: null, failure: 'signature not verified' });
    } finally {
      await stranger.stop();
    }
  });
});
