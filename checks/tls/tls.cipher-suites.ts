import { defineCheck } from '../../src/core/check.js';
import { judgeSuites } from '../../src/providers/tls/profiles.js';

export default defineCheck({
  meta: {
    id: 'tls.cipher-suites',
    title: 'TLS endpoint accepts only cipher suites its profile allows',
    provider: 'tls',
    severity: 'high',
    description:
      'Every suite accepted in every accepted version (enumerated by elimination with raw ClientHellos) must be in the profile (default mozilla-intermediate: ECDHE with AEAD for TLS 1.2, the standard TLS 1.3 suites). NULL, anonymous, EXPORT, RC4, DES/3DES and static-RSA always fail.',
    remediation: 'Restrict the server cipher list to the profile (https://ssl-config.mozilla.org), e.g. ECDHE+AESGCM and ECDHE+CHACHA20 for TLS 1.2.',
    messages: {
      ok: '{count} suites, all allowed by {profile}; forward secrecy: {forwardSecrecy}',
      weak: 'Accepts suites outside {profile}: {offending}',
    },
  },
  async run(ctx) {
    const r = ctx.target.resource;
    const { profile } = ctx.tls.endpoint;
    const p = await ctx.tls.protocols();
    const perVersion = await Promise.all(p.accepted.map((v) => ctx.tls.suites(v)));
    const j = { profile, ...judgeSuites(profile, perVersion) };
    if (j.offending.length) return [ctx.fail(r, 'weak', j)];
    const gaps = [...j.inconclusive, ...p.inconclusive.map((v) => `${v}: version probe inconclusive`)];
    if (!j.count) gaps.push('no suite accepted in any version');
    if (gaps.length) return [ctx.missing(r, `suite list incomplete: ${gaps.join('; ')}`, j)];
    return [ctx.pass(r, 'ok', j)];
  },
});
