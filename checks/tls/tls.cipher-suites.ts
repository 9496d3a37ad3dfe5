import { defineCheck } from '../../src/core/check.js';
import { judgeKeyExchange } from '../../src/judging/tls/key-exchange.js';
import { judgeSuites } from '../../src/judging/tls/profiles.js';
import { settleAll } from '../../src/core/settle.js';

export default defineCheck({
  meta: {
    id: 'tls.cipher-suites',
    title: 'TLS endpoint accepts only cipher suites and key exchanges its profile allows',
    provider: 'tls',
    severity: 'high',
    description:
      'Every suite accepted in every accepted version (enumerated by elimination with raw ClientHellos) must be in the profile (default mozilla-intermediate: ECDHE or DHE with AEAD for TLS 1.2, the standard TLS 1.3 suites). NULL, anonymous, EXPORT, RC4, DES/3DES and static-RSA always fail. When a DHE suite is accepted, the server’s DH group must have at least the profile’s bits (2048); when an ECDHE suite or TLS 1.3 is accepted, every named group the server agrees on (each offered alone) must be one of the profile’s curves (X25519, prime256v1, secp384r1) or a stronger standard TLS 1.3 group (secp521r1, X448, recorded but not failed); secp256k1, brainpool and curves under 256 bits fail. A key exchange that could not be read is an error, never a pass.',
    remediation:
      'Restrict the server cipher list to the profile (https://ssl-config.mozilla.org), e.g. ECDHE+AESGCM and ECDHE+CHACHA20 for TLS 1.2; use a DH group of 2048 bits or more (RFC 7919 ffdhe2048) and the groups X25519, prime256v1 and secp384r1 only.',
    messages: {
      ok: '{count} suites, all allowed by {profile}; forward secrecy: {forwardSecrecy}',
      weak: 'Accepts suites outside {profile}: {offending}',
      weakKeyExchange: 'Key exchange outside {profile}: {keyExchange}',
    },
  },
  async run(ctx) {
    const r = ctx.target.resource;
    const { profile } = ctx.tls.endpoint;
    const p = await ctx.tls.protocols();
    const perVersion = await settleAll(p.accepted.map((v) => ctx.tls.suites(v)));
    const j = { profile, ...judgeSuites(profile, perVersion) };
    if (j.offending.length) return [ctx.fail(r, 'weak', j)];
    const gaps = [...j.inconclusive, ...p.inconclusive.map((v) => `${v}: version probe inconclusive`)];
    if (!j.count) gaps.push('no suite accepted in any version');
    if (gaps.length) return [ctx.missing(r, `suite list incomplete: ${gaps.join('; ')}`, j)];
    const kex = await judgeKeyExchange(ctx, profile, perVersion);
    const observed = { ...j, ...kex };
    if (kex.keyExchange.length) return [ctx.fail(r, 'weakKeyExchange', observed)];
    if (kex.unknown.length) return [ctx.missing(r, `key exchange not read: ${kex.unknown.join('; ')}`, observed)];
    return [ctx.pass(r, 'ok', observed)];
  },
});
