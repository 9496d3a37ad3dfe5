import { defineCheck } from '../../src/core/check.js';
import {
  certificateProblems,
  certificateSummary,
  chainNotRead,
  expiresSoon,
  keySizeNotRead,
} from '../../src/judging/tls/certificate-rules.js';
import { PROFILES } from '../../src/judging/tls/profiles.js';
import { revocationProblem, revocationSummary, revocationUnconfirmed } from '../../src/judging/tls/revocation-rules.js';

export default defineCheck({
  meta: {
    id: 'tls.certificate',
    title: 'TLS certificate is trusted, names the endpoint, is current and strong',
    provider: 'tls',
    severity: 'high',
    description:
      'The chain verifies against the system roots (or the configured CA bundle), a SAN names the endpoint, the validity window holds with margin (expiry warning: fewer than `minDaysLeft` days left, default 30, fails with the date in `observed.expiresOn`, message `expiresSoon` when nothing else is wrong), the key is RSA 2048+ or EC 256+ (a size node cannot read, e.g. on a brainpool curve, is an error, never 0 bits or a pass), signatures use SHA-256+, the CA has not revoked the leaf (OCSP: the stapled answer, else the responder the leaf names; revoked fails; an unreachable responder, an unusable answer or status unknown is an error, never a pass; a leaf that names no responder is not asked, CRLs are not read), and the lifetime is at most the profile’s maximum (Mozilla intermediate 366 days, modern 90) unless `maxLifetimeDays` says otherwise. Publicly trusted CAs may issue at most 200 days from 15 March 2026 (CA/Browser Forum Baseline Requirements §6.3.2; 100 days from 2027, 47 from 2029): see docs/tls.md.',
    remediation:
      'Reissue from a trusted CA: endpoint name in a SAN, RSA-2048+ or P-256+ key, SHA-256+ signature, a lifetime within the profile (90 days suits both); automate renewal (ACME).',
    messages: {
      ok: 'Certificate for {name} is trusted and valid until {validTo} ({daysLeft} days left)',
      problems: 'Certificate for {name}: {problems}',
      expiresSoon: 'Certificate for {name} expires on {expiresOn} ({daysLeft} days left, fewer than {minDaysLeft}): renew it',
    },
    settings: {
      minDaysLeft: {
        type: 'integer',
        default: 30,
        description: 'Expiry warning: fail (message `expiresSoon` when nothing else is wrong) when fewer days than this are left.',
      },
      maxLifetimeDays: {
        type: 'integer',
        default: null,
        nullable: true,
        description:
          'Longest accepted validity period, in days; null: the profile’s maximum certificate lifespan (366 intermediate, 90 modern).',
      },
      minRsaBits: { type: 'integer', default: 2048, description: 'Smallest accepted RSA modulus.' },
      minEcBits: { type: 'integer', default: 256, description: 'Smallest accepted EC curve size.' },
    },
  },
  async run(ctx) {
    const r = ctx.target.resource;
    const h = await ctx.tls.handshake();
    const notRead = chainNotRead(h);
    if (notRead) return [ctx.missing(r, notRead, { failureCode: h.failure?.code ?? null })];
    const maxLifetimeDays = ctx.settings.maxLifetimeDays ?? PROFILES[ctx.tls.endpoint.profile].maximumCertificateLifespan;
    const problems = certificateProblems(h, ctx.now, { ...ctx.settings, maxLifetimeDays });
    const rev = await ctx.tls.revocation();
    const revoked = revocationProblem(rev);
    if (revoked) problems.unshift(revoked);
    const observed = { ...certificateSummary(h, ctx.now), revocation: revocationSummary(rev), problems };
    const soon = expiresSoon(h, ctx.now, ctx.settings.minDaysLeft);
    if (soon && problems.length === 1) return [ctx.fail(r, 'expiresSoon', { ...observed, ...soon })];
    if (problems.length) return [ctx.fail(r, 'problems', observed)];
    const keyUnknown = keySizeNotRead(h);
    if (keyUnknown) return [ctx.missing(r, keyUnknown, observed)];
    const unconfirmed = revocationUnconfirmed(rev);
    if (unconfirmed) return [ctx.missing(r, `revocation not confirmed: ${unconfirmed}`, observed)];
    return [ctx.pass(r, 'ok', observed)];
  },
});
