import net from 'node:net';
import type { Listening } from './listeners.js';
import { listenTracked } from './raw-listener.js';

/** What the relays of one sandbox counted: each connection costs the client at least one round trip. */
export interface RelayCounters {
  connections: number;
  open: number;
  /** Most connections open through the relays at one time. */
  peakOpen: number;
}

/**
 * A loopback TCP relay in front of an endpoint that holds every chunk half a
 * round trip in each direction, so that each exchange of a handshake costs
 * `roundTripMs` as it does over a real network (the bench's modelled latency;
 * docs/benchmark.md). Equal delays keep the bytes in order: Node fires timers
 * of the same duration in the order they were set.
 */
export function startLatencyRelay(upstreamPort: number, roundTripMs: number, counters: RelayCounters): Promise<Listening> {
  const oneWay = roundTripMs / 2;
  const server = net.createServer((client) => {
    counters.connections += 1;
    counters.peakOpen = Math.max(counters.peakOpen, ++counters.open);
    client.once('close', () => (counters.open -= 1));
    const upstream = net.connect({ host: '127.0.0.1', port: upstreamPort });
    relay(client, upstream, oneWay);
    relay(upstream, client, oneWay);
  });
  // stop() ends the clients' connections; each takes its upstream one with it, half a round trip later (relay)
  return listenTracked(server);
}

/** `from`'s bytes, end and failure reach `to` after `delayMs`. */
function relay(from: net.Socket, to: net.Socket, delayMs: number): void {
  from.on('data', (chunk: Buffer) => {
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  let ended = false;
  from.on('end', () => {
    ended = true;
    setTimeout(() => to.end(), delayMs);
  });
  // A reset (or a close without FIN) on one side is a reset on the other: the probe must see what the server did.
  from.on('error', () => undefined);
  from.on('close', (hadError: boolean) => {
    if (hadError || !ended) setTimeout(() => to.destroy(), delayMs);
  });
}
