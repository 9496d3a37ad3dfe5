import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { parseHostPort, resolveEndpoints } from '../../src/providers/tls/targets.js';
import { STARTTLS_PORTS, STARTTLS_PROTOCOLS } from '../../src/providers/tls/starttls/protocols.js';
import { validatorFor } from '../../src/core/schemas.js';

describe('STARTTLS targets', () => {
  it.each(STARTTLS_PROTOCOLS.map((p) => [p, STARTTLS_PORTS[p]] as const))('%s:// defaults to port %i', (protocol, port) => {
    expect(parseHostPort(`${protocol}://mail.example.com`)).toEqual({ host: 'mail.example.com', port, starttls: protocol });
  });

  it('keeps an explicit port, an IPv6 host, the scheme in any case and a trailing slash', () => {
    expect(parseHostPort('SMTP://mx.example.com:2525/')).toEqual({ host: 'mx.example.com', port: 2525, starttls: 'smtp' });
    expect(parseHostPort('postgres://[::1]:6432')).toEqual({ host: '::1', port: 6432, starttls: 'postgres' });
  });

  it('refuses an unknown scheme and a bad port, naming the flag', () => {
    expect(() => parseHostPort('https://www.example.com')).toThrow(UsageError);
    expect(() => parseHostPort('https://www.example.com')).toThrow(/unknown scheme https:\/\/ \(STARTTLS schemes: smtp, submission/);
    expect(() => parseHostPort('imap://mail.example.com:0')).toThrow(/port must be 1-65535/);
    expect(() => parseHostPort('imap://')).toThrow(/expected HOST:PORT/);
  });

  it('resolves to a kind tls target whose id names the protocol', () => {
    const [smtp, pg] = resolveEndpoints({
      endpoints: [
        { host: 'mx.example.com', starttls: 'smtp' },
        { host: '10.0.0.5', starttls: 'postgres', sni: 'db.example.com' },
      ],
    });
    expect(smtp).toMatchObject({ id: 'tls:smtp://mx.example.com:25', options: { port: 25, kind: 'tls', starttls: 'smtp' } });
    expect(pg?.resource).toBe('tls:postgres://db.example.com@10.0.0.5:5432');
  });

  it('keeps a STARTTLS endpoint apart from a direct one on the same port', () => {
    const targets = resolveEndpoints({ endpoints: [{ host: 'h.example', port: 587, starttls: 'submission' }, { host: 'h.example', port: 587 }] });
    expect(targets.map((t) => t.id)).toEqual(['tls:submission://h.example:587', 'tls:h.example:587']);
  });

  it('refuses kind https with STARTTLS, and never makes a STARTTLS endpoint https by its port', () => {
    expect(() => resolveEndpoints({ endpoints: [{ host: 'x.example', starttls: 'imap', kind: 'https' }] })).toThrow(/kind https cannot upgrade/);
    expect(resolveEndpoints({ endpoints: [{ host: 'x.example', port: 443, starttls: 'smtp' }] })[0]?.options.kind).toBe('tls');
  });

  it('the config and scenario schemas take starttls and refuse an unknown protocol', () => {
    const config = validatorFor('config');
    expect(config({ tls: { endpoints: [{ host: 'mx.example.com', starttls: 'smtp' }] } })).toBe(true);
    expect(config({ tls: { endpoints: [{ host: 'mx.example.com', starttls: 'xmpp' }] } })).toBe(false);
    const scenario = validatorFor('scenario');
    expect(scenario({ name: 'x', tls: { endpoints: [{ name: 'a', starttls: { protocol: 'imap', offer: false } }] } })).toBe(true);
    expect(scenario({ name: 'x', tls: { endpoints: [{ name: 'a', starttls: { protocol: 'xmpp' } }] } })).toBe(false);
  });
});
