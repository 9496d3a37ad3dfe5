import { describe, expect, it } from 'vitest';
import { ScanConnections } from './connection-limit.js';

/** An attempt that stays open until `finish` is called, logging when it started. */
function held(log: string[], name: string) {
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    attempt: async () => {
      log.push(name);
      await done;
      return name;
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ScanConnections: the scan’s connections, shared by every endpoint', () => {
  it('keeps at most its size open, and hands a freed one to the endpoint that came first', async () => {
    const scan = new ScanConnections(2);
    const [first, second, third] = [scan.forEndpoint(), scan.forEndpoint(), scan.forEndpoint()];
    const log: string[] = [];
    const a = held(log, 'first 1');
    const b = held(log, 'second 1');
    const c = held(log, 'third 1');
    const d = held(log, 'second 2');
    const e = held(log, 'first 2');
    const runs = [first(a.attempt), second(b.attempt), third(c.attempt), second(d.attempt), first(e.attempt)];
    await tick();
    expect(log).toEqual(['first 1', 'second 1']);
    // the first endpoint's later connection goes before the ones the others asked for earlier
    a.finish();
    await tick();
    expect(log).toEqual(['first 1', 'second 1', 'first 2']);
    b.finish();
    await tick();
    expect(log.at(-1)).toBe('second 2');
    e.finish();
    await tick();
    expect(log.at(-1)).toBe('third 1');
    c.finish();
    d.finish();
    expect(await Promise.all(runs)).toEqual(['first 1', 'second 1', 'third 1', 'second 2', 'first 2']);
  });

  it('gives the connection back when an attempt fails, and passes the failure on', async () => {
    const scan = new ScanConnections(1);
    const only = scan.forEndpoint();
    await expect(only(() => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(await only(() => Promise.resolve('next'))).toBe('next');
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => new ScanConnections(0)).toThrow(/positive integer/);
    expect(() => new ScanConnections(2.5)).toThrow(/positive integer/);
  });
});
