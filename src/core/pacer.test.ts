import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer.js';

/** A clock that moves only when the pacer waits. */
function fakeClock() {
  let t = 0;
  const waits: number[] = [];
  return {
    now: () => t,
    wait: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
    waits,
  };
}

describe('Pacer', () => {
  it('lets the burst through at once, then one call per 1/rate seconds', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ perSecond: 15, burst: 3 }, clock.now, clock.wait);
    for (let i = 0; i < 3; i++) await pacer.take();
    expect(clock.waits).toEqual([]);
    await pacer.take();
    await pacer.take();
    expect(clock.waits.map((w) => Math.round(w))).toEqual([67, 67]);
    expect(Math.round(clock.now())).toBe(133);
  });

  it('refills while idle, never beyond the burst', async () => {
    const clock = fakeClock();
    const pacer = new Pacer({ perSecond: 10, burst: 2 }, clock.now, clock.wait);
    await pacer.take();
    await pacer.take();
    await clock.wait(10_000);
    clock.waits.length = 0;
    await pacer.take();
    await pacer.take();
    expect(clock.waits).toEqual([]);
    await pacer.take();
    expect(clock.waits.map(Math.round)).toEqual([100]);
  });

  it('refuses a rate that would never admit a call', () => {
    expect(() => new Pacer({ perSecond: 0, burst: 1 })).toThrow(TypeError);
    expect(() => new Pacer({ perSecond: 1, burst: 0 })).toThrow(TypeError);
  });
});
