import { defineCheck } from '../../src/core/check.js';
import { PROFILES } from '../../src/judging/tls/profiles.js';

export default defineCheck({
  meta: {
    id: 'tls.hsts',
    title: 'HTTPS endpoint sends a valid Strict-Transport-Security header with a long max-age',
    provider: 'tls',
    severity: 'medium',
    description:
      'An HTTPS endpoint answers `GET /` with a Strict-Transport-Security header (RFC 6797) whose max-age is at least the profile’s HSTS age (two years for both Mozilla profiles) or `minMaxAge`, so that browsers never fall back to plain HTTP. A header that repeats a directive does not conform to RFC 6797 §6.1 and browsers ignore it (§8.1): it fails. `max-age=0` tells browsers to forget the policy: it fails as too short. Plain TLS endpoints are not applicable once they are reached, and so are STARTTLS endpoints (SMTP, IMAP, PostgreSQL …: HSTS is an HTTP header) once their server answered the negotiation, whether or not it upgrades; an endpoint that cannot be reached is an error, whatever its kind.',
    remediation: 'Send `Strict-Transport-Security: max-age=63072000; includeSubDomains` (each directive once) on every HTTPS response.',
    messages: {
      ok: 'HSTS max-age={maxAge}s{includeSubDomains}',
      missing: 'No Strict-Transport-Security header on GET / (HTTP {status})',
      invalid: 'Strict-Transport-Security has no valid max-age: {header}',
      repeated: 'Strict-Transport-Security repeats {repeatedDirectives}, so browsers ignore it (RFC 6797 §6.1): {header}',
      short: 'HSTS max-age={maxAge}s is shorter than {minMaxAge}s',
      notHttps: 'Endpoint is plain TLS (kind {kind}), HSTS does not apply',
      notHttp: 'Endpoint speaks {protocol} (STARTTLS), not HTTP: HSTS does not apply',
    },
    settings: {
      minMaxAge: {
        type: 'integer',
        default: null,
        nullable: true,
        description: 'Smallest accepted max-age, in seconds; null: the profile’s HSTS age (63072000 for both Mozilla profiles).',
      },
    },
  },
  async run(ctx) {
    const r = ctx.target.resource;
    const { kind, profile, starttls } = ctx.tls.endpoint;
    if (starttls) {
      // Not applicable only to a server that answered: the negotiation throws when it cannot be reached.
      await ctx.tls.starttls();
      return [ctx.notApplicable(r, 'notHttp', { protocol: starttls })];
    }
    if (kind !== 'https') {
      // Not applicable only to an endpoint that is there: the probe throws when it cannot be reached.
      await ctx.tls.protocols();
      return [ctx.notApplicable(r, 'notHttps', { kind })];
    }
    const h = await ctx.tls.hsts();
    const minMaxAge = ctx.settings.minMaxAge ?? PROFILES[profile].hstsMinAge;
    const observed = {
      status: h.status,
      header: h.header,
      maxAge: h.maxAge,
      minMaxAge,
      includeSubDomains: h.includeSubDomains ? '; includeSubDomains' : '',
      repeatedDirectives: h.repeatedDirectives,
      clientRefusal: h.clientRefusal,
    };
    if (h.header === null) return [ctx.fail(r, 'missing', observed)];
    if (h.repeatedDirectives === undefined)
      return [ctx.missing(r, 'the stored HSTS fact predates the record of repeated directives', observed)];
    if (h.repeatedDirectives.length) return [ctx.fail(r, 'repeated', observed)];
    if (h.maxAge === null) return [ctx.fail(r, 'invalid', observed)];
    if (h.maxAge < minMaxAge) return [ctx.fail(r, 'short', observed)];
    return [ctx.pass(r, 'ok', observed)];
  },
});
