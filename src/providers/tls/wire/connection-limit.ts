import pLimit from 'p-limit';
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

/** A limit of `size` connections open at once, shared by every endpoint gate of one scan. */
export function connectionLimit(size: number): ConnectionLimit {
  if (!Number.isInteger(size) || size < 1) throw new TypeError(`tls.connections must be a positive integer, got ${size}`);
  const limit = pLimit(size);
  return (attempt) => limit(attempt);
}
