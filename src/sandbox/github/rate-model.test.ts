import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GITHUB_SECONDARY, rateModel } from './rate-model.js';

describe('GitHub secondary rate model', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const serve = async (t: { now: number }) => {
    const model = rateModel(
      { secondary: true },
      (after) => ({ status: 403, headers: { 'retry-after': String(after) }, body: { message: 'secondary' } }),
      () => t.now,
    )!;
    server = http.createServer((req, res) => void model.around(req, res, async () => void res.writeHead(200).end('{}')));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = (p: string, method = 'GET') =>
      fetch(`${url}${p}`, { method, headers: { authorization: 'token t' } }).then(async (r) => ({
        status: r.status,
        after: r.headers.get('retry-after'),
      }));
    return { model, get };
  };

  it('is off unless latency or the secondary limits are asked for', () => {
    expect(rateModel({}, () => ({ status: 403 }))).toBeUndefined();
  });

  it('refuses REST calls past 900 points with retry-after, and refills 15 a second', async () => {
    const t = { now: 0 };
    const { model, get } = await serve(t);
    // In waves of 50: under the 100 in flight.
    for (let i = 0; i < GITHUB_SECONDARY.rest.burst; i += 50) {
      const wave = await Promise.all(Array.from({ length: 50 }, () => get('/repos/o/r/hooks')));
      expect(wave.every((a) => a.status === 200)).toBe(true);
    }
    expect(await get('/repos/o/r/hooks')).toEqual({ status: 403, after: '1' });
    // GraphQL has a bucket of its own.
    expect((await get('/graphql', 'POST')).status).toBe(200);
    t.now += 1000;
    for (let i = 0; i < 15; i++) expect((await get('/user')).status).toBe(200);
    expect((await get('/user')).status).toBe(403);
    expect(model.refused()).toBe(2);
  });
});
