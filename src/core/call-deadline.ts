/**
 * A call's time limit, on the call's own time. A call whose work waits for
 * slots shared with other targets (the TLS provider's limit on connections
 * open at once across endpoints) would otherwise run out of time because
 * other targets held the slots, not because its own server was slow: while
 * the call has work waiting for a slot and none holding one, its clock stops.
 * Everything else counts: the work in its slots, and the time in between.
 */
export class CallDeadline {
  readonly signal: AbortSignal;
  /** Rejects with `onExpiry()`'s error once the time is used up. */
  readonly expired: Promise<never>;
  private readonly controller = new AbortController();
  private remaining: number;
  private since = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private waiting = 0;
  private holding = 0;
  private done = false;
  private expire: () => void = () => undefined;

  constructor(ms: number, onExpiry: () => Error) {
    this.remaining = ms;
    this.signal = this.controller.signal;
    this.expired = new Promise<never>((_, reject) => {
      this.expire = () => {
        this.done = true;
        const error = onExpiry();
        this.controller.abort(error);
        reject(error);
      };
    });
    this.expired.catch(() => undefined);
    bySignal.set(this.signal, this);
    this.run();
  }

  /**
   * One piece of this call's work starts waiting for a shared slot: `granted`
   * when it holds one, `released` when it gives it back.
   */
  awaitSlot(): SlotTurn {
    this.waiting += 1;
    this.update();
    let state: 'waiting' | 'holding' | 'over' = 'waiting';
    const leave = () => {
      if (state === 'waiting') this.waiting -= 1;
      else if (state === 'holding') this.holding -= 1;
      state = 'over';
      this.update();
    };
    return {
      granted: () => {
        if (state !== 'waiting') return;
        this.waiting -= 1;
        this.holding += 1;
        state = 'holding';
        this.update();
      },
      released: leave,
    };
  }

  /** The call ended: the clock stops for good. */
  clear(): void {
    this.done = true;
    clearTimeout(this.timer);
  }

  private get paused(): boolean {
    return this.waiting > 0 && this.holding === 0;
  }

  private update(): void {
    if (this.done) return;
    const running = this.timer !== undefined;
    if (this.paused && running) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.remaining -= performance.now() - this.since;
    } else if (!this.paused && !running) this.run();
  }

  private run(): void {
    this.since = performance.now();
    this.timer = setTimeout(this.expire, Math.max(0, this.remaining));
  }
}

export interface SlotTurn {
  granted(): void;
  released(): void;
}

/** Each deadline by the signal its call's work is handed (CallRecorder.call): the work names its call by it. */
const bySignal = new WeakMap<AbortSignal, CallDeadline>();

const NO_TURN: SlotTurn = { granted: () => undefined, released: () => undefined };

/** A turn at a shared slot for the call whose signal this is; one that counts nothing for any other signal. */
export function awaitSlot(signal: AbortSignal | undefined): SlotTurn {
  return (signal && bySignal.get(signal)?.awaitSlot()) ?? NO_TURN;
}
