import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import { UsageError } from '../../src/core/errors.js';
import { tlsProvider } from '../../src/providers/tls/provider.js';
import { endpointId, expectedNameOf, parseHostPort, resolveEndpoints, sniOf } from '../../src/providers/tls/targets.js';
import { nth } from '../helpers/nth.js';

const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 1000 };

describe('TLS targets', () => {
  it('defaults to port 443 and kind https there, plain tls elsewhere', () => {
    const [a, b, c] = resolveEndpoints({
      endpoints: [{ host: 'example.com' }, { host: '127.0.0.1', port: 8443 }, { host: 'mail.example.com', port: 465 }],
    });
    expect(a).toMatchObject({
      provider: 'tls',
      id: 'tls:example.com:443',
      resource: 'tls:example.com:443',
      options: { port: 443, kind: 'https', profile: 'mozilla-intermediate' },
    });
    expect(b?.options.kind).toBe('https');
    expect(c?.options.kind).toBe('tls');
  });

  it('keeps kind, SNI, profile and the CA file the config gives', () => {
    const t = nth(
      resolveEndpoints({
        caFile: '/etc/ca.pem',
        profile: 'mozilla-modern',
        endpoints: [{ host: '10.0.0.5', port: 443, sni: 'www.example.com', kind: 'tls' }],
      }),
      0,
    );
    expect(t.id).toBe('tls:www.example.com@10.0.0.5:443');
    expect(t.options).toEqual({
      host: '10.0.0.5',
      port: 443,
      servername: 'www.example.com',
      kind: 'tls',
      profile: 'mozilla-modern',
      caFile: '/etc/ca.pem',
    });
  });

  it('accepts host:port strings and deduplicates', () => {
    const targets = resolveEndpoints({
      endpoints: [parseHostPort('127.0.0.1:8443'), { host: '127.0.0.1', port: 8443 }, parseHostPort('[::1]:9443')],
    });
    expect(targets.map((t) => t.id)).toEqual(['tls:127.0.0.1:8443', 'tls:[::1]:9443']);
  });

  it.each(['a:b', 'host:0', 'host:70000', ''])('refuses %j as HOST:PORT', (text) => {
    expect(() => parseHostPort(text)).toThrow(UsageError);
  });

  it('never sends an IP address as SNI, and matches the certificate against the SNI name or the host', () => {
    expect(sniOf({ host: '127.0.0.1' })).toBeUndefined();
    expect(sniOf({ host: '127.0.0.1', servername: 'www.acme.test' })).toBe('www.acme.test');
    expect(expectedNameOf({ host: '127.0.0.1' })).toBe('127.0.0.1');
    expect(endpointId({ host: 'example.com', port: 443, servername: 'example.com' })).toBe('tls:example.com:443');
  });

  it('refuses a CA file that does not exist as a usage error', async () => {
    await expect(tlsProvider.resolveTargets({ caFile: '/nonexistent/ca.pem', endpoints: [{ host: 'a' }] }, runtime)).rejects.toThrow(
      /tls\.caFile: no file/,
    );
  });

  it('refuses a CA file without a PEM certificate as a usage error', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'annexa-ca-')), 'ca.pem');
    for (const text of ['not a certificate\n', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n']) {
      await writeFile(file, text);
      await expect(tlsProvider.resolveTargets({ caFile: file, endpoints: [{ host: 'a' }] }, runtime)).rejects.toThrow(
        /tls\.caFile: .*ca\.pem holds no PEM certificate/,
      );
    }
  });

  it('names the local host as the collector', async () => {
    const t = nth(resolveEndpoints({ endpoints: [{ host: 'example.com' }] }), 0);
    expect(await tlsProvider.identity(tlsProvider.facts(t, new FactStore(new Pools()), runtime), t)).toMatchObject({
      provider: 'tls',
      target: 'tls:example.com:443',
    });
  });
});
