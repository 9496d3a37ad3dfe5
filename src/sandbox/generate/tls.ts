import type { EndpointScenario } from '../tls/listeners.js';
import type { TlsScenario } from '../tls/index.js';
import type { Pick } from './pick.js';

/**
 * The kinds of endpoint a generated estate holds, in the proportions of a
 * kept-up estate with some neglect: most endpoints well configured, some on
 * legacy protocols, a few with expired or self-signed certificates.
 */
const KINDS: Array<Omit<EndpointScenario, 'name' | 'servername'>> = [
  {
    kind: 'https',
    protocols: { min: 'TLSv1.2', max: 'TLSv1.3' },
    certificate: { key: 'rsa-2048', notBeforeDays: -20, notAfterDays: 70 },
    hsts: 'max-age=63072000; includeSubDomains',
  },
  {
    kind: 'https',
    profile: 'mozilla-modern',
    protocols: { min: 'TLSv1.3', max: 'TLSv1.3' },
    certificate: { key: 'ec-p256', notBeforeDays: -10, notAfterDays: 80 },
    hsts: 'max-age=31536000',
  },
  {
    kind: 'https',
    protocols: { min: 'TLSv1.2', max: 'TLSv1.3' },
    certificate: { key: 'ec-p256', notBeforeDays: -30, notAfterDays: 60 },
    hsts: 'max-age=31536000',
  },
  {
    kind: 'tls',
    protocols: { min: 'TLSv1.2', max: 'TLSv1.3' },
    certificate: { key: 'rsa-2048', notBeforeDays: -40, notAfterDays: 50 },
  },
  {
    kind: 'https',
    protocols: { min: 'TLSv1.0', max: 'TLSv1.2' },
    ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:AES128-SHA',
    certificate: { key: 'rsa-2048', notBeforeDays: -60, notAfterDays: 200 },
    hsts: 'max-age=86400',
  },
  { kind: 'https', certificate: { key: 'rsa-2048', notBeforeDays: -95, notAfterDays: -5 }, hsts: 'max-age=31536000' },
  { kind: 'https', certificate: { key: 'rsa-2048', issuer: 'self', notBeforeDays: -700, notAfterDays: 2950 } },
];
/** Out of 20: 8 of the first kind, 4 of the second, 3 of the third, 2 of the fourth, 1 of each of the rest. */
const SHARES = [8, 4, 3, 2, 1, 1, 1];

/** `count` endpoints, each served by its own loopback listener (ports are not the limit at this size). */
export function generateTlsEndpoints(count: number, pick: Pick): TlsScenario {
  const slots = SHARES.flatMap((n, kind) => Array<number>(n).fill(kind));
  return {
    ca: { commonName: 'Estate Sandbox Root CA' },
    endpoints: Array.from({ length: count }, (_, i) => {
      const name = `ep-${String(i).padStart(4, '0')}`;
      return { name, servername: `${name}.estate.test`, ...KINDS[slots[pick(i, 'tls-kind') % slots.length]!]! };
    }),
  };
}
