import net from 'node:net';
import type { Listening } from './listeners.js';
import { listenTracked } from './raw-listener.js';

/** What the relays of one sandbox counted. */
export interface RelayCounters {
  connections: number;
  open: number;
  /** Most connections open through the relays at one time (a connection is closed once its client hung up). */
  peakOpen: number;
  /**
   * Round trips the clients waited for: each time the server answered (bytes, or closing) after the client
   * had sent something. A raw hello costs one, a TLS 1.2 handshake through node:tls two, a GET after it one
   * more. Connecting costs none here: the relay accepts at loopback speed (docs/benchmark.md).
   */
  roundTrips: number;
  /** Milliseconds of connections open, summed over connections (÷ the wall time: how many were open on average). */
  openMs: number;
  /** Milliseconds of clients waiting for the server's next word after sending, summed over connections. */
  waitingMs: number;
}

/** Counters at zero, for the relays of one sandbox to share. */
export function relayCounters(): RelayCounters {
  return { connections: 0, open: 0, peakOpen: 0, roundTrips: 0, openMs: 0, waitingMs: 0 };
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
    counters.open += 1;
    const opened = performance.now();
    let open = true;
    // closed for the client once it hung up (its FIN read), or the connection failed
    const closed = () => {
      if (open) {
        counters.open -= 1;
        counters.openMs += performance.now() - opened;
      }
      open = false;
    };
    client.once('end', closed).once('close', closed);
    // Sampled once this turn of the event loop has read every hang-up that reached the relay before this
    // connection did: a busy relay reads a batch of them and the next connections in no set order.
    setImmediate(() => (counters.peakOpen = Math.max(counters.peakOpen, counters.open)));
    const upstream = net.connect({ host: '127.0.0.1', port: upstreamPort });
    // the client sent bytes and is still there: the server's next word (bytes or a hang-up) ends a round trip
    let awaitingAnswer = false;
    let since = 0;
    relay(client, upstream, oneWay, (sent) => {
      if (sent && !awaitingAnswer) since = performance.now();
      awaitingAnswer = sent;
    });
    relay(upstream, client, oneWay, () => {
      if (awaitingAnswer) {
        counters.roundTrips += 1;
        // until the answer reaches the client, half a round trip after it reached the relay
        counters.waitingMs += performance.now() - since + oneWay;
      }
      awaitingAnswer = false;
    });
  });
  // stop() ends the clients' connections; each takes its upstream one with it, half a round trip later (relay)
  return listenTracked(server);
}

/** `from`'s bytes, end and failure reach `to` after `delayMs`; `spoke` hears of each: true for bytes, false for the end. */
function relay(from: net.Socket, to: net.Socket, delayMs: number, spoke: (sent: boolean) => void): void {
  from.on('data', (chunk: Buffer) => {
    spoke(true);
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, delayMs);
  });
  let ended = false;
  from.on('end', () => {
    spoke(false);
    ended = true;
    // ending a side already gone only builds an error nobody reads
    setTimeout(() => to.destroyed || to.end(), delayMs);
  });
  // A reset (or a close without FIN) on one side is a reset on the other: the probe must see what the server did.
  from.on('error', () => undefined);
  from.on('close', (hadError: boolean) => {
    if (hadError || !ended) {
      spoke(false);
      setTimeout(() => to.destroy(), delayMs);
    }
  });
}
