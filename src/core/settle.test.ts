import { describe, expect, it } from 'vitest';
import { settleAll } from './settle.js';

const after = <T>(ms: number, value: T, fail = false) =>
  new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms));

describe('settleAll: the fact reads of one check', () => {
  it('gives every value in the order given', async () => {
    await expect(settleAll([after(20, 'a'), after(5, 1), Promise.resolve(true)])).resolves.toEqual(['a', 1, true]);
  });

  it('rejects with the first failure in the order given, not the first in time', async () => {
    await expect(settleAll([after(5, 'x'), after(30, 'first in order', true), after(1, 'first in time', true)])).rejects.toThrow(
      'first in order',
    );
  });

  it('rejects only once every read has settled', async () => {
    let slowDone = false;
    const slow = after(30, 'slow').then((v) => ((slowDone = true), v));
    await expect(settleAll([after(1, 'fails', true), slow])).rejects.toThrow('fails');
    expect(slowDone).toBe(true);
  });
});
