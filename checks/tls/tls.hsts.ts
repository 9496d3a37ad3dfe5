import { defineCheck } from '../../src/core/check.js';

export default defineCheck({
  meta: {
    id: 'tls.hsts',
    title: 'HTTPS endpoint sends Strict-Transport-Security for at least a year',
    provider: 'tls',
    severity: 'medium',
    description: 'An HTTPS endpoint answers `GET /` with a Strict-Transport-Security header whose max-age is at least one year, so that browsers never fall back to plain HTTP.',
    remediation: 'Send `Strict-Transport-Security: max-age=31536000; includeSubDomains` (or longer) on every HTTPS response.',
    messages: {
      ok: 'HSTS max-age={maxAge}s{includeSubDomains}',
      missing: 'No Strict-Transport-Security header on GET / (HTTP {status})',
      invalid: 'Strict-Transport-Security has no valid max-age: {header}',
      short: 'HSTS max-age={maxAge}s is shorter than {minMaxAge}s',
      notHttps: 'Endpoint is plain TLS (kind {kind}), HSTS does not apply',
    },
    settings: {
      minMaxAge: { type: 'integer', default: 31_536_000, description: 'Smallest accepted max-age, in seconds.' },
    },
  },
  async run(ctx) {
    const r = ctx.target.resource;
    const { kind } = ctx.tls.endpoint;
    if (kind !== 'https') return [ctx.notApplicable(r, 'notHttps', { kind })];
    const h = await ctx.tls.hsts();
    const minMaxAge = ctx.settings.minMaxAge;
    const observed = {
      status: h.status,
      header: h.header,
      maxAge: h.maxAge,
      minMaxAge,
      includeSubDomains: h.includeSubDomains ? '; includeSubDomains' : '',
      clientRefusal: h.clientRefusal,
    };
    if (h.header === null) return [ctx.fail(r, 'missing', observed)];
    if (h.maxAge === null) return [ctx.fail(r, 'invalid', observed)];
    if (h.maxAge < minMaxAge) return [ctx.fail(r, 'short', observed)];
    return [ctx.pass(r, 'ok', observed)];
  },
});
