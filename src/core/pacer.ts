import { setTimeout as sleep } from 'node:timers/promises';

/** A request rate an API allows: `burst` at once, then `perSecond` (a token bucket). */
export interface Rate {
  perSecond: number;
  burst: number;
}

/**
 * Paces calls to a documented request rate on the client side, so that a
 * scan spends its time waiting rather than being refused and retrying:
 * each call takes a token, waiting for one to be earned when none is left.
 */
export class Pacer {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rate: Rate,
    private readonly now: () => number = () => performance.now(),
    private readonly wait: (ms: number) => Promise<unknown> = sleep,
  ) {
    if (!(rate.perSecond > 0) || !(rate.burst >= 1))
      throw new TypeError(`a rate needs perSecond > 0 and burst >= 1, got ${JSON.stringify(rate)}`);
    this.tokens = rate.burst;
    this.at = now();
  }

  /** Resolves when the call may go: at once while tokens are left, else when the next one is earned. */
  async take(): Promise<void> {
    for (;;) {
      const t = this.now();
      this.tokens = Math.min(this.rate.burst, this.tokens + ((t - this.at) / 1000) * this.rate.perSecond);
      this.at = t;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.wait(((1 - this.tokens) / this.rate.perSecond) * 1000);
    }
  }
}
