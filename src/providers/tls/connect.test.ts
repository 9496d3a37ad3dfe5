import tls from 'node:tls';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { serverPool, testCertificate } from '../../../test/support/tls/test-servers.js';
import { FactStore } from '../../core/facts.js';
import { Pools } from '../../core/pools.js';
import { connectTls } from './connect.js';
import { openTcp } from './wire/tcp.js';
import { tlsProvider } from './provider.js';
import { toTarget } from './targets.js';

const pool = serverPool();
afterAll(pool.stopAll);
afterEach(() => vi.restoreAllMocks());

describe('one TLS context per trust list and handshake options', () => {
  it('builds a context once per list and options, with the list and the options in it', async () => {
    const port = await pool.tls({ minVersion: 'TLSv1.2' });
    const made = vi.spyOn(tls, 'createSecureContext');
    const ca = [testCertificate().cert];
    const shake = async (extra?: tls.ConnectionOptions) => {
      const socket = await connectTls({ host: '127.0.0.1', port, ca, timeoutMs: 5000, ...(extra ? { extra } : {}) });
      const read = { authorized: socket.authorized, version: socket.getProtocol() };
      socket.destroy();
      return read;
    };
    expect(await shake()).toEqual({ authorized: true, version: 'TLSv1.3' });
    expect(await shake()).toEqual({ authorized: true, version: 'TLSv1.3' });
    expect(made).toHaveBeenCalledTimes(1);
    // node reads versions from the context alone when one is given: maxVersion must be in it
    expect(await shake({ maxVersion: 'TLSv1.2' })).toEqual({ authorized: true, version: 'TLSv1.2' });
    expect(made).toHaveBeenCalledTimes(2);
  });

  it('shares one context between the handshake and HSTS connections of an endpoint with a caPem', async () => {
    const port = await pool.tls({});
    const made = vi.spyOn(tls, 'createSecureContext');
    const target = toTarget({ host: '127.0.0.1', port, kind: 'https', profile: 'mozilla-intermediate', caPem: testCertificate().cert });
    const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 5000 };
    const facts = tlsProvider.facts(target, new FactStore(new Pools()), runtime);
    expect((await facts.handshake()).trust).toBe('system+ca');
    // the server hangs up without an HTTP answer: the connection is what counts here
    await facts.hsts().catch(() => null);
    expect(made).toHaveBeenCalledTimes(1);
  });

  it('refuses options node cannot build a context from at once, over a STARTTLS connection too', async () => {
    const port = await pool.tls({});
    const ca = [testCertificate().cert];
    const extra = { ecdhCurve: 'no-such-curve' };
    // groupAnswer (key-exchange.ts) reads this refusal as "this client cannot offer the group"
    for (const connect of [undefined, openTcp]) {
      const t0 = performance.now();
      const args = { host: '127.0.0.1', port, ca, timeoutMs: 5000, extra, ...(connect ? { connect } : {}) };
      await expect(connectTls(args)).rejects.toThrow(/ECDH curve/);
      expect(performance.now() - t0).toBeLessThan(2500);
    }
  });
});
