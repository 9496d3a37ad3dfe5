import { defineCheck } from '../../src/core/check.js';
import { allowedVersions, LEGACY_VERSIONS } from '../../src/judging/tls/profiles.js';

export default defineCheck({
  meta: {
    id: 'tls.protocol-versions',
    title: 'TLS endpoint accepts only TLS 1.2 and 1.3',
    provider: 'tls',
    severity: 'high',
    description:
      'Each version is probed with a hand-built ClientHello: SSLv3, TLS 1.0 and 1.1 must be refused, TLS 1.2 or 1.3 accepted, and every accepted version allowed by the profile (mozilla-modern: TLS 1.3 only). A STARTTLS endpoint (smtp://, imap://, postgres:// …) is probed over freshly upgraded connections; a server that does not offer the upgrade (not advertised, or refused when asked) speaks plaintext only, and fails.',
    remediation: 'Disable SSLv3, TLS 1.0 and TLS 1.1 on the server or load balancer (e.g. `ssl_protocols TLSv1.2 TLSv1.3;`).',
    messages: {
      ok: 'Accepts {accepted} only',
      disallowed: 'Accepts {disallowed} (accepted: {accepted})',
      noneAllowed: 'Accepts no version that {profile} allows (accepted: {accepted})',
      plaintextOnly: 'Plaintext only, no TLS: {answer}',
    },
  },
  async run(ctx) {
    const r = ctx.target.resource;
    const { profile, starttls } = ctx.tls.endpoint;
    if (starttls) {
      const upgrade = await ctx.tls.starttls();
      if (!upgrade.offered) return [ctx.fail(r, 'plaintextOnly', { protocol: upgrade.protocol, answer: upgrade.answer })];
    }
    const p = await ctx.tls.protocols();
    const allowed = allowedVersions(profile);
    const bad = (v: string) => LEGACY_VERSIONS.includes(v) || !allowed.includes(v);
    const observed = {
      accepted: p.accepted,
      disallowed: p.accepted.filter(bad),
      inconclusive: p.inconclusive,
      profile,
      answers: p.versions,
    };
    const unsure = (why: string) => [ctx.missing(r, `${why} (inconclusive: ${p.inconclusive.join(', ')})`, observed)];
    if (observed.disallowed.length) return [ctx.fail(r, 'disallowed', observed)];
    if (p.inconclusive.some(bad)) return unsure('could not tell whether a disallowed version is accepted');
    if (!p.accepted.some((v) => allowed.includes(v))) {
      return p.inconclusive.length ? unsure('no allowed version confirmed') : [ctx.fail(r, 'noneAllowed', observed)];
    }
    return [ctx.pass(r, 'ok', observed)];
  },
});
