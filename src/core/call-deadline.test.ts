import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallDeadline, awaitSlot } from './call-deadline.js';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const deadline = (ms: number) => new CallDeadline(ms, () => new Error(`over ${ms} ms`));

/** The deadline is still running `ms` from now less a millisecond, and over at `ms`. */
function expectExpiresIn(d: CallDeadline, ms: number): void {
  vi.advanceTimersByTime(ms - 1);
  expect(d.signal.aborted).toBe(false);
  vi.advanceTimersByTime(1);
  expect(d.signal.aborted).toBe(true);
}

describe('CallDeadline: a call’s time limit on its own time', () => {
  it('expires after its time, aborting the signal with the error it was given', async () => {
    const d = deadline(100);
    expectExpiresIn(d, 100);
    await expect(d.expired).rejects.toThrow('over 100 ms');
  });

  it('stops while all its work waits for a slot, and goes on once one is held', () => {
    const d = deadline(100);
    vi.advanceTimersByTime(40);
    const turn = d.awaitSlot();
    vi.advanceTimersByTime(10_000);
    expect(d.signal.aborted).toBe(false);
    turn.granted();
    expectExpiresIn(d, 60);
  });

  it('runs while any of its work holds a slot, even with more of it waiting', () => {
    const d = deadline(100);
    const first = d.awaitSlot();
    const second = d.awaitSlot();
    first.granted();
    vi.advanceTimersByTime(100);
    expect(d.signal.aborted).toBe(true);
    second.released();
  });

  it('runs again when the work that waited gives up its place, and after its slot is released', () => {
    const d = deadline(100);
    const gaveUp = d.awaitSlot();
    vi.advanceTimersByTime(500);
    gaveUp.released();
    vi.advanceTimersByTime(50);
    const done = d.awaitSlot();
    done.granted();
    done.released();
    expectExpiresIn(d, 50);
  });

  it('never expires once cleared', () => {
    const d = deadline(100);
    d.clear();
    d.awaitSlot().released();
    vi.advanceTimersByTime(1_000);
    expect(d.signal.aborted).toBe(false);
  });

  it('is found by its signal, and by no other', () => {
    const d = deadline(100);
    awaitSlot(d.signal);
    vi.advanceTimersByTime(1_000);
    expect(d.signal.aborted).toBe(false);
    const other = deadline(100);
    awaitSlot(new AbortController().signal);
    awaitSlot(undefined);
    vi.advanceTimersByTime(100);
    expect(other.signal.aborted).toBe(true);
    d.clear();
  });
});
