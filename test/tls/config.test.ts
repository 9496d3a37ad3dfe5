import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../src/core/schemas.js';
import { resolveEndpoints } from '../../src/providers/tls/targets.js';
import { loadScenario } from '../../src/sandbox/scenario.js';

describe('TLS configuration and scenarios', () => {
  it('accepts endpoints and thresholds for the two-part TLS check ids', () => {
    const validate = validatorFor('config');
    const config = {
      tls: {
        caFile: 'roots.pem',
        profile: 'mozilla-modern',
        endpoints: [
          { host: 'www.example.com' },
          { host: '10.0.0.5', port: 8443, sni: 'intranet.example.com', kind: 'https', profile: 'mozilla-intermediate' },
        ],
      },
      settings: { 'tls.certificate': { minDaysLeft: 14 }, 'tls.hsts': { minMaxAge: 15_552_000 } },
    };
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
  });

  it('takes tls.connections, a whole number of connections from 1 to 1,024, onto every endpoint', () => {
    const validate = validatorFor('config');
    expect(validate({ tls: { connections: 32, endpoints: [{ host: 'a.example' }] } })).toBe(true);
    for (const connections of [0, 1.5, 1025]) expect(validate({ tls: { connections } })).toBe(false);
    const targets = resolveEndpoints({ connections: 32, endpoints: [{ host: 'a.example' }, { host: 'b.example' }] });
    expect(targets.map((t) => t.options.connections)).toEqual([32, 32]);
    expect(resolveEndpoints({ endpoints: [{ host: 'a.example' }] })[0]?.options.connections).toBeUndefined();
  });

  it('validates the acme TLS section and rejects unknown keys in it', () => {
    expect(loadScenario('acme').tls).toMatchObject({ endpoints: expect.arrayContaining([expect.objectContaining({ name: 'www' })]) });
    const validate = validatorFor('scenario');
    expect(validate({ name: 'x', tls: { endpoints: [{ name: 'a', certificate: { key: 'rsa-512' } }] } })).toBe(false);
    expect(validate({ name: 'x', tls: { endpoints: [{ name: 'a', hsts: 'max-age=1', colour: 'red' }] } })).toBe(false);
  });
});
