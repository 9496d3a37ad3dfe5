/**
 * Primary rate limits, one window per token (or the anonymous caller) and
 * resource, as GitHub keeps them: a fixed hour from the first request, and
 * the `x-ratelimit-*` headers that describe it.
 */
export interface Window {
  limit: number;
  used: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

export class RateLimits {
  private windows = new Map<string, Window>();

  constructor(
    private readonly limitOf: (resource: string, key: string) => number,
    private readonly now = () => Date.now(),
  ) {}

  /** The current window of `key` for `resource`, opened (or renewed once past its reset) on first use. */
  window(resource: string, key: string): Window {
    const id = `${resource}\0${key}`;
    const nowSec = Math.floor(this.now() / 1000);
    let w = this.windows.get(id);
    if (!w || nowSec >= w.reset) {
      w = { limit: this.limitOf(resource, key), used: 0, reset: nowSec + 3600 };
      this.windows.set(id, w);
    }
    return w;
  }

  /** Spends `points`; false (and nothing spent) when the window cannot afford them. */
  spend(resource: string, key: string, points = 1): boolean {
    const w = this.window(resource, key);
    if (w.used + points > w.limit) return false;
    w.used += points;
    return true;
  }

  headers(resource: string, key: string): Record<string, string> {
    const w = this.window(resource, key);
    return {
      'x-ratelimit-limit': String(w.limit),
      'x-ratelimit-remaining': String(Math.max(0, w.limit - w.used)),
      'x-ratelimit-used': String(w.used),
      'x-ratelimit-reset': String(w.reset),
      'x-ratelimit-resource': resource,
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
