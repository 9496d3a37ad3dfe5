import { setTimeout as delay } from 'node:timers/promises';
import pLimit, { type LimitFunction } from 'p-limit';
import { awaitSlot } from '../../../core/call-deadline.js';

/** `tls.probeConcurrency` when the config does not say: connections one endpoint's probes keep open at once. */
export const DEFAULT_PROBE_CONCURRENCY = 8;

/**
 * The connections one endpoint's probes may have open at once. Some servers
 * serve one connection at a time and hang up on (or reset) the others, which
 * a probe would read as a refusal. So an answer that only says "hung up",
 * given while another connection to the endpoint was open, is not trusted: the
 * gate turns serial for the rest of the scan (one connection at a time) and
 * asks again, alone, once the server has had a moment to see the others
 * closed. From then on every hang-up is asked once more that way. A server
 * that hangs up on hellos it cannot serve gives the same answer alone, and is
 * read exactly as a serial scan reads it.
 */
export class ConnectionGate {
  private readonly limit: LimitFunction;
  private started = 0;
  private opened = 0;
  private dropping = false;

  /** `shared`: the scan's limit on connections open at once across endpoints (`tls.connections`), if any. */
  constructor(
    concurrency: number,
    private readonly shared: ConnectionLimit = unlimited,
  ) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new TypeError(`probe concurrency must be a positive integer`);
    this.limit = pLimit(concurrency);
  }

  /** Connections open at once now: the setting, or 1 once a hang-up among others made the endpoint serial. */
  get width(): number {
    return this.limit.concurrency;
  }

  /**
   * Runs one connection's worth of work within the limit. `hungUp` says whether
   * its outcome (an answer or an error) is a bare hang-up, the kind a server
   * that drops concurrent connections gives. `signal`: the calling fact's
   * (CallRecorder), so that its wait for a slot is not counted as its time.
   */
  async run<T>(attempt: () => Promise<T>, hungUp: (outcome: PromiseSettledResult<T>) => boolean, signal?: AbortSignal): Promise<T> {
    const first = await this.connection(signal, async () => {
      const mark = ++this.started;
      const crowded = this.opened > 1;
      const outcome = await settle(attempt);
      return { outcome, overlapped: crowded || this.started !== mark };
    });
    if (!hungUp(first.outcome) || !(first.overlapped || this.dropping)) return unwrap(first.outcome);
    this.dropping = true;
    this.limit.concurrency = 1;
    // queued behind every open connection, so it runs alone, after the server had time to see them closed
    return this.connection(signal, attempt, SETTLE_MS);
  }

  /**
   * `attempt` once this endpoint and the scan both have a connection to spare
   * (the endpoint's first: a connection waiting for the scan's limit holds no
   * slot another endpoint could use). The wait is not the calling fact's own
   * time (core/call-deadline.ts): the attempt's own time limit starts with it.
   */
  private async connection<T>(signal: AbortSignal | undefined, attempt: () => Promise<T>, settleMs = 0): Promise<T> {
    const turn = awaitSlot(signal);
    try {
      return await this.limit(async () => {
        if (settleMs) await delay(settleMs);
        return this.shared(async () => {
          turn.granted();
          this.opened += 1;
          try {
            return await attempt();
          } finally {
            this.opened -= 1;
          }
        });
      });
    } finally {
      turn.released();
    }
  }
}

/** Runs work when one of the scan's connections is free: shared by every endpoint's gate (connection-limit.ts). */
export type ConnectionLimit = <T>(attempt: () => Promise<T>) => Promise<T>;

const unlimited: ConnectionLimit = (attempt) => attempt();

/** For a connection whose failure is never a crowded server's hang-up, so it is not asked again alone. */
export const neverHungUp = (): boolean => false;

/** How long a server that counts connections may take to see the last one closed. */
const SETTLE_MS = 200;

async function settle<T>(attempt: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  try {
    return { status: 'fulfilled', value: await attempt() };
  } catch (reason) {
    return { status: 'rejected', reason };
  }
}

function unwrap<T>(outcome: PromiseSettledResult<T>): T {
  if (outcome.status === 'fulfilled') return outcome.value;
  // the attempt's own error, passed on as it was thrown
  throw outcome.reason;
}

/** Runs `attempt` through the endpoint's gate when it has one, else directly (a probe outside a scan: tests, the bench). */
export function gated<T>(
  endpoint: { gate?: ConnectionGate; signal?: AbortSignal },
  attempt: () => Promise<T>,
  hungUp: (outcome: PromiseSettledResult<T>) => boolean,
): Promise<T> {
  return endpoint.gate ? endpoint.gate.run(attempt, hungUp, endpoint.signal) : attempt();
}
