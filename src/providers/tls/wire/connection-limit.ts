import PQueue from 'p-queue';
import type { ConnectionLimit } from './gate.js';

/**
 * `tls.connections` when the config does not say: connections the whole scan
 * keeps open at once, across endpoints (each endpoint also within its own
 * `tls.probeConcurrency`). The prober spends about 0.5 ms of CPU per
 * connection (building a hello, reading the answer, a node:tls handshake), all
 * on the scan's one JavaScript thread, so more cores do not raise its ceiling
 * of some 2,000 connections a second; reaching it against endpoints 20–150 ms
 * away takes about 40 to 300 connections waiting on the network at once. 128
 * keeps that thread busy out to about 60 ms and most of the way beyond, while
 * staying far below the 1,024 file descriptors a process is commonly allowed,
 * and bounds what a scan of hundreds of endpoints behind one address (a CDN,
 * a load balancer) sends there at once. Past the ceiling, more connections
 * only wait longer for the thread.
 */
export const DEFAULT_CONNECTIONS = 128;

/**
 * The scan's connections, shared by every endpoint's gate. A free one goes to
 * the waiting connection of the endpoint that came first (endpoints ranked in
 * the order the scan asked for them), then in the order they asked: the scan
 * finishes the endpoints it started, and lets their facts go, before it starts
 * on more, rather than keeping every endpoint half done.
 */
export class ScanConnections {
  // p-queue runs higher priorities first and equal ones in the order they came: an endpoint's rank, negated.
  private readonly queue: PQueue;
  private endpoints = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new TypeError(`tls.connections must be a positive integer, got ${size}`);
    this.queue = new PQueue({ concurrency: size });
  }

  /** The limit as one endpoint's gate sees it: ranked after every endpoint that asked for it before. */
  forEndpoint(): ConnectionLimit {
    const priority = -this.endpoints++;
    return (attempt) => this.queue.add(attempt, { priority });
  }
}
