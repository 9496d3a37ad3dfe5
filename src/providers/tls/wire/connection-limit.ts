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

interface Waiter {
  rank: number;
  order: number;
  resolve: () => void;
}

/**
 * The scan's connections, shared by every endpoint's gate. A free one goes to
 * the waiting connection of the endpoint that came first (`rank`: endpoints
 * in the order the scan asked for them), then in the order they asked: the
 * scan finishes the endpoints it started, and lets their facts go, before it
 * starts on more, rather than keeping every endpoint half done.
 */
export class ScanConnections {
  private open = 0;
  private asked = 0;
  private endpoints = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new TypeError(`tls.connections must be a positive integer, got ${size}`);
  }

  /** The limit as one endpoint's gate sees it: ranked after every endpoint that asked for it before. */
  forEndpoint(): ConnectionLimit {
    const rank = this.endpoints++;
    return (attempt) => this.run(rank, attempt);
  }

  private async run<T>(rank: number, attempt: () => Promise<T>): Promise<T> {
    if (this.open < this.size) this.open += 1;
    else await new Promise<void>((resolve) => this.push({ rank, order: this.asked++, resolve }));
    try {
      return await attempt();
    } finally {
      // handed on to the next in line, or given back
      const next = this.pop();
      if (next) next.resolve();
      else this.open -= 1;
    }
  }

  // A binary heap on (rank, order).
  private push(w: Waiter): void {
    const heap = this.waiting;
    heap.push(w);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): Waiter | undefined {
    const heap = this.waiting;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && before(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && before(heap[right]!, heap[least]!)) least = right;
      if (least === i) break;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
    return top;
  }
}

function before(a: Waiter, b: Waiter): boolean {
  return a.rank < b.rank || (a.rank === b.rank && a.order < b.order);
}
