import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import type { SandboxHandle } from '../../src/core/provider.js';
import { tlsProvider } from '../../src/providers/tls/provider.js';
import { withRawChain } from '../../src/providers/tls/raw-certificate.js';
import { sniOf } from '../../src/providers/tls/targets.js';
import type { HandshakeFact, TlsTargetOptions } from '../../src/providers/tls/types.js';
import { fetchCertificateChain } from '../../src/providers/tls/wire/index.js';
import { startE2eSandbox } from './harness.js';

// The raw probe's own chain verification against OpenSSL's, on every node:tls endpoint that
// still sends its Certificate in the clear (TLS 1.2 and below): same trust, name and chain verdicts.
let sandbox: SandboxHandle<TlsTargetOptions>;
beforeAll(async () => {
  sandbox = await startE2eSandbox();
}, 60_000);
afterAll(() => sandbox?.stop());

const NODE_ENDPOINTS = [
  'good',
  'tls10-11',
  'weak-suite',
  'expired',
  'not-yet-valid',
  'wrong-name',
  'self-signed',
  'plain-tls',
  'client-eku',
  'path-too-long',
  'intermediate-ok',
];
const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 5000 };

const verdicts = (h: HandshakeFact) => ({
  authorized: h.authorized,
  authorizationError: h.authorizationError,
  nameMatches: h.nameMatches,
  chain: h.chain.map((c) => c.fingerprint256),
});

/** The node:tls handshake fact of an endpoint, and the same fact rebuilt from the raw probe's chain alone. */
async function bothWays(name: string): Promise<{ node: HandshakeFact; raw: HandshakeFact }> {
  const target = sandbox.targets.find((t) => `127.0.0.1:${t.options.port}` === sandbox.endpoints[name])!;
  const node = await tlsProvider.facts(target, new FactStore(new Pools()), runtime).handshake();
  expect(node.source).toBe('node-tls');
  const o = target.options;
  const servername = sniOf(o);
  const answer = await fetchCertificateChain({ host: o.host, port: o.port, timeoutMs: 5000, ...(servername ? { servername } : {}) });
  expect(answer.kind).toBe('chain');
  const raw = withRawChain(
    { ...node, completed: false, chain: [], authorized: false, authorizationError: null },
    answer,
    [o.caPem!],
    new Date(),
  );
  expect(raw.source).toBe('raw-probe');
  return { node, raw };
}

describe('raw-probe chain verification', () => {
  it.each(NODE_ENDPOINTS)('agrees with a node:tls handshake on %s', async (name) => {
    const { node, raw } = await bothWays(name);
    expect(verdicts(raw)).toEqual(verdicts(node));
  });

  it.each([
    ['name-constrained', 'PERMITTED_VIOLATION'],
    ['excluded-name', 'EXCLUDED_VIOLATION'],
  ])('refuses the name-constraint violation on %s as OpenSSL does, naming the code node reports as UNSPECIFIED', async (name, code) => {
    // node's table of verify errors has no name for X509_V_ERR_PERMITTED_VIOLATION / EXCLUDED_VIOLATION
    const { node, raw } = await bothWays(name);
    expect(verdicts(node)).toEqual({ ...verdicts(raw), authorizationError: 'UNSPECIFIED' });
    expect(raw).toMatchObject({ authorized: false, authorizationError: code });
  });

  it('judges a SHA-1 signature as a valid signature: its weakness is the certificate rules’ to flag, not the trust verdict’s', async () => {
    // OpenSSL's verifier refuses SHA-1 at its default security level (node reports that as UNSPECIFIED)
    const { node, raw } = await bothWays('sha1');
    expect(verdicts(node)).toEqual({ ...verdicts(raw), authorized: false, authorizationError: 'UNSPECIFIED' });
    expect(raw).toMatchObject({ authorized: true, chain: [{ signatureHash: 'sha1' }, { signatureHash: 'sha256' }] });
  });

  it('judges an RSA-1024 chain on its signatures: the short key is the certificate rules’ to flag, not the trust verdict’s', async () => {
    // OpenSSL 3.5 (Node 24) refuses a 1024-bit leaf key at its default security level and node reports
    // UNSPECIFIED; OpenSSL 3.0 (Node 20) accepts it. The raw probe's verdict must not depend on that.
    const { node, raw } = await bothWays('rsa1024');
    expect([{ ...verdicts(raw), authorized: false, authorizationError: 'UNSPECIFIED' }, verdicts(raw)]).toContainEqual(verdicts(node));
    expect(raw).toMatchObject({ authorized: true, nameMatches: true, chain: [{ keyBits: 1024 }, expect.anything()] });
  });
});
