import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { relayCounters, startLatencyRelay, type RelayCounters } from './latency-relay.js';
import type { Listening } from './listeners.js';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((s) => s()));
});

/** An upstream that answers each chunk with its reverse, and closes when asked. */
async function echoServer(): Promise<Listening> {
  const server = net.createServer((s) =>
    s.on('data', (chunk: Buffer) => (chunk.toString() === 'bye' ? s.destroy() : s.write(Buffer.from(chunk).reverse()))),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return { port, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function relayed(roundTripMs: number, counters: RelayCounters) {
  const upstream = await echoServer();
  const relay = await startLatencyRelay(upstream.port, roundTripMs, counters);
  stops.push(relay.stop, upstream.stop);
  const socket = net.connect({ host: '127.0.0.1', port: relay.port });
  await once(socket, 'connect');
  stops.push(async () => void socket.destroy());
  return socket;
}

describe('the latency relay in front of a sandbox endpoint', () => {
  it('delivers both directions in order, each exchange taking at least one round trip', async () => {
    const counters = relayCounters();
    const socket = await relayed(40, counters);
    const answers: string[] = [];
    socket.on('data', (chunk: Buffer) => answers.push(chunk.toString()));
    const t0 = performance.now();
    socket.write('abc');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    // The bytes are held, never sped up: a lower bound that load cannot break.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(39);
    socket.write('xyz');
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    expect(answers).toEqual(['cba', 'zyx']);
    expect(counters).toMatchObject({ connections: 1, open: 1, peakOpen: 1, roundTrips: 2 });
    // the client waited two whole round trips for its answers
    expect(counters.waitingMs).toBeGreaterThanOrEqual(78);
  });

  it('passes on the upstream closing the connection', async () => {
    const counters = relayCounters();
    const socket = await relayed(10, counters);
    socket.write('bye');
    await once(socket, 'close');
    // the hello and the hang-up that answers it: one round trip
    expect(counters).toMatchObject({ connections: 1, roundTrips: 1 });
  });

  it('counts no round trip for what follows the client leaving', async () => {
    const counters = relayCounters();
    const socket = await relayed(10, counters);
    socket.write('abc');
    await once(socket, 'data');
    socket.destroy();
    // the upstream's close comes back through the relay, half a round trip after the client's reached it
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counters).toMatchObject({ connections: 1, open: 0, roundTrips: 1 });
    // open from its accepting to the client's hang-up, which came after the answer it waited for (timers may fire a ms early)
    expect(counters.openMs).toBeGreaterThanOrEqual(5);
  });
});
