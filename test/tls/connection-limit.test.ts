import { connect, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/core/types.js';
import { scan } from '../../src/scan.js';
import { serverPool } from '../support/tls/test-servers.js';

// tls.connections: one limit on the connections a scan keeps open at once, across endpoints.
const pool = serverPool();
afterAll(pool.stopAll);

const HEALTHY = 6;
const STALLING = 2;
const TIMEOUT_MS = 500;

/** Counts the connections open at once across every port it fronts, as the servers see them. */
function openCounter() {
  let open = 0;
  let peak = 0;
  return {
    accept(socket: Socket) {
      open += 1;
      let closed = false;
      const close = () => {
        if (!closed) open -= 1;
        closed = true;
      };
      socket.once('end', close).once('close', close).once('error', close);
      // Sampled once this turn of the event loop has also read the hang-ups that came before this connection:
      // the client closed its last connection before it opened this one, but the server may read them in either order.
      setImmediate(() => (peak = Math.max(peak, open)));
    },
    peak: () => peak,
  };
}

/** Healthy endpoints (a port each, relayed to one node:tls server) and endpoints that accept and never answer. */
async function estate(counter: ReturnType<typeof openCounter>) {
  const upstream = await pool.tls({
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
    ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384:AES128-SHA',
  });
  // a relay, not the server itself, counts: it reads the client's bytes, so it sees the client hang up at once
  const healthy = await Promise.all(
    Array.from({ length: HEALTHY }, () =>
      pool.tcp((socket) => {
        counter.accept(socket);
        const server = connect({ host: '127.0.0.1', port: upstream });
        server.on('error', () => socket.destroy());
        socket.on('close', () => server.destroy());
        socket.pipe(server).pipe(socket);
      }),
    ),
  );
  // reads (so that it sees the client hang up) and never answers
  const stalling = await Promise.all(
    Array.from({ length: STALLING }, () =>
      pool.tcp((socket) => {
        counter.accept(socket);
        socket.resume();
      }),
    ),
  );
  return { healthy, stalling };
}

function scanTls(ports: number[], callTimeoutMs: number, connections?: number) {
  return scan({
    out: false,
    env: {},
    callTimeoutMs,
    tls: { endpoints: ports.map((port) => ({ host: '127.0.0.1', port })), ...(connections ? { connections } : {}) },
  });
}

const verdicts = (results: Result[], port: number) =>
  results
    .filter((r) => r.resource === `tls:127.0.0.1:${port}`)
    .map((r) => `${r.checkId} ${r.status} ${r.message}`)
    .sort();

describe('tls.connections: connections open at once across endpoints', () => {
  it('healthy endpoints queued behind stalling ones keep their verdicts; the stalling ones time out; the limit holds', async () => {
    const reference = openCounter();
    const clean = await estate(reference);
    const fault = openCounter();
    const faulty = await estate(fault);
    const before = (await scanTls(clean.healthy, 10_000)).run.results;
    // The stalling endpoints come first, so the healthy ones' connections queue behind theirs: far longer than
    // a fact's own deadline (4 × 500 ms) if the queue counted against it.
    const after = (await scanTls([...faulty.stalling, ...faulty.healthy], TIMEOUT_MS, 3)).run.results;

    for (const [i, port] of faulty.healthy.entries()) {
      const expected = verdicts(before, clean.healthy[i]!).map((v) => v.replaceAll(String(clean.healthy[i]), String(port)));
      expect(expected.length).toBeGreaterThan(0);
      expect(verdicts(after, port)).toEqual(expected);
    }
    expect(verdicts(before, clean.healthy[0]!).some((v) => / error /.test(v))).toBe(false);
    for (const port of faulty.stalling) {
      const results = after.filter((r) => r.resource === `tls:127.0.0.1:${port}`);
      // every check that applies (not HSTS: a plain TLS endpoint) could not read the endpoint, for want of an answer
      const judged = results.filter((r) => r.status !== 'not_applicable');
      expect(judged.length).toBe(3);
      expect(judged.every((r) => r.status === 'error')).toBe(true);
      expect(judged.some((r) => /timeout after 500 ms|within 500 ms/.test(r.message))).toBe(true);
    }
    // The limit binds, and is never passed.
    expect(fault.peak()).toBe(3);
    expect(reference.peak()).toBeGreaterThan(3);
  });
});
