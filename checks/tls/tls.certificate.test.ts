import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import type { HandshakeFact } from '../../src/providers/tls/types.js';
import { cert, handshake, NOW, ROOT } from '../../test/tls/facts.js';
import check from './tls.certificate.js';

const run = (h: HandshakeFact, settings = {}) =>
  runCheck(check, { handshake: answers(h) }, { now: NOW, settings, target: { id: 'tls:x', resource: 'tls:www.acme.test@127.0.0.1:443' } });

describe('tls.certificate', () => {
  it.each<[string, HandshakeFact]>([
    ['a CA-signed RSA-2048 SHA-256 leaf with a SHA-1 self-signed root', handshake()],
    ['an EC P-256 leaf', handshake({ chain: [cert({ keyType: 'ec', keyBits: 256, curve: 'prime256v1', signatureHash: 'sha256' }), ROOT] })],
    ['an Ed25519 leaf', handshake({ chain: [cert({ keyType: 'ed25519', keyBits: null, signatureHash: 'intrinsic' }), ROOT] })],
  ])('passes %s', async (_name, h) => {
    const [r] = await run(h);
    expect(r.status).toBe('pass');
    expect(r.message).toContain('www.acme.test');
    expect(r.resource).toBe('tls:www.acme.test@127.0.0.1:443');
  });

  it.each<[string, HandshakeFact, RegExp]>([
    ['an untrusted (self-signed) chain', handshake({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', chain: [cert({ selfIssued: true })] }), /does not verify \(DEPTH_ZERO_SELF_SIGNED_CERT\)/],
    ['a wrong name', handshake({ nameMatches: false, nameMismatchReason: "Host: www.acme.test. is not in the cert's altnames" }), /does not name www\.acme\.test/],
    ['an expired leaf', handshake({ chain: [cert({ validFrom: '2025-01-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' }), ROOT] }), /expired on 2026-01-01/],
    ['a not-yet-valid leaf', handshake({ chain: [cert({ validFrom: '2026-07-01T00:00:00Z', validTo: '2027-01-01T00:00:00Z' }), ROOT] }), /not valid before 2026-07-01/],
    ['a leaf expiring in 10 days', handshake({ chain: [cert({ validFrom: '2026-03-01T00:00:00Z', validTo: '2026-06-11T00:00:00Z' }), ROOT] }), /expires in 10 days \(minimum 30\)/],
    ['an RSA-1024 key', handshake({ chain: [cert({ keyBits: 1024 }), ROOT] }), /RSA key of 1024 bits/],
    ['an EC P-224 key', handshake({ chain: [cert({ keyType: 'ec', keyBits: 224, curve: 'secp224r1' }), ROOT] }), /EC key on secp224r1/],
    ['a SHA-1 signature on the leaf', handshake({ chain: [cert({ signatureHash: 'sha1', signatureAlgorithm: 'sha1WithRSAEncryption' }), ROOT] }), /SHA1 signature on CN=www\.acme\.test/],
    ['a SHA-1 signed self-signed leaf alone', handshake({ authorized: false, chain: [cert({ selfIssued: true, signatureHash: 'sha1' })] }), /SHA1 signature/],
    ['a 5-year lifetime', handshake({ chain: [cert({ validFrom: '2024-01-01T00:00:00Z', validTo: '2029-01-01T00:00:00Z' }), ROOT] }), /lifetime of 1827 days \(maximum 398\)/],
    ['no certificate at all', handshake({ chain: [] }), /no certificate presented/],
  ])('fails %s', async (_name, h, why) => {
    const [r] = await run(h);
    expect(r.status).toBe('fail');
    expect(r.messageId).toBe('problems');
    expect(r.message).toMatch(why);
  });

  it('honours minDaysLeft from the config', async () => {
    const h = handshake({ chain: [cert({ validTo: '2026-06-11T00:00:00Z' }), ROOT] });
    expect((await run(h, { minDaysLeft: 5 }))[0].status).toBe('pass');
  });

  it('keeps the client refusal in observed', async () => {
    const [r] = await run(handshake({ clientRefusal: { code: 'ERR_SSL_UNSUPPORTED_PROTOCOL', message: 'unsupported protocol' } }));
    expect(r.observed?.clientRefusal).toMatchObject({ code: 'ERR_SSL_UNSUPPORTED_PROTOCOL' });
  });

  it('is an error when no handshake completed at all (inconclusive, not a pass)', async () => {
    const h = handshake({ completed: false, chain: [], failure: { code: 'ERR_SSL_NO_PROTOCOLS_AVAILABLE', message: 'no protocols available' } });
    const [r] = await run(h);
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/inconclusive.*no protocols available/);
  });

  it('judges a chain the raw probe read when node completed no handshake, and says so in observed', async () => {
    const raw = { completed: false, failure: { code: null, message: 'sslv3 alert handshake failure' }, source: 'raw-probe' as const, rawProbe: { version: 'SSLv3', suite: 'TLS_RSA_WITH_RC4_128_SHA', failure: null } };
    const [ok] = await run(handshake(raw));
    expect(ok).toMatchObject({ status: 'pass', observed: { source: 'raw-probe', rawProbe: { version: 'SSLv3', suite: 'TLS_RSA_WITH_RC4_128_SHA' } } });
    const [bad] = await run(handshake({ ...raw, chain: [cert({ signatureHash: 'sha1', validTo: '2026-05-01T00:00:00Z' }), ROOT] }));
    expect(bad).toMatchObject({ status: 'fail', observed: { source: 'raw-probe' } });
    expect(bad.message).toMatch(/expired on 2026-05-01.*SHA1 signature/);
  });

  it('stays an error, naming both failures, when the raw probe read no chain either', async () => {
    const h = handshake({ completed: false, chain: [], failure: { code: null, message: 'unexpected message' }, source: null, rawProbe: { version: null, suite: null, failure: 'ServerHelloDone without a Certificate message' } });
    const [r] = await run(h);
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/inconclusive\): unexpected message; raw probe: ServerHelloDone without a Certificate/);
  });

  it('is an error when the endpoint could not be reached', async () => {
    const [r] = await runCheck(check, { handshake: failing({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:1' }) });
    expect(r.status).toBe('error');
    expect(r.message).toContain('could not collect: connect ECONNREFUSED');
  });
});
