import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * How long a check has spent waiting for facts to be collected. The check
 * time limit measures the check's own work: collection is bounded elsewhere
 * (every API call has its own time limit and retry budget), and a check that
 * covers thousands of repositories may rightly wait minutes for shared facts.
 */
export class WaitClock {
  private pending = 0;
  private since = 0;
  private total = 0;

  enter(now = performance.now()): void {
    if (this.pending++ === 0) this.since = now;
  }

  leave(now = performance.now()): void {
    if (--this.pending === 0) this.total += now - this.since;
  }

  waitedMs(now = performance.now()): number {
    return this.total + (this.pending ? now - this.since : 0);
  }
}

const clocks = new AsyncLocalStorage<WaitClock>();

export function withWaitClock<T>(clock: WaitClock, fn: () => Promise<T>): Promise<T> {
  return clocks.run(clock, fn);
}

/** Counts the time until `pending` settles as waiting, for the check that awaits it. */
export function countWait<T>(pending: Promise<T>): Promise<T> {
  const clock = clocks.getStore();
  if (!clock) return pending;
  clock.enter();
  return pending.finally(() => clock.leave());
}

/** Runs `fn` outside any check's clock: what it starts is nobody's wait but its awaiter's (countWait). */
export function outsideWaitClock<T>(fn: () => T): T {
  return clocks.exit(fn);
}
