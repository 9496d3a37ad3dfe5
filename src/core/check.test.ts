import { describe, expect, it } from 'vitest';
import { EACH_IN_FLIGHT, formatMessage, resultFactory } from './check.js';
import { FactError } from './facts.js';
import { currentReads } from './reads.js';
import type { CheckMeta } from './types.js';

describe('formatMessage', () => {
  it.each([
    ['{n} keys', { n: 3 }, '3 keys'],
    ['accepted: {accepted}', { accepted: ['TLSv1.2', 'TLSv1.3'] }, 'accepted: TLSv1.2, TLSv1.3'],
    ['accepted: {accepted}', { accepted: [] }, 'accepted: none'],
    ['{missing} stays', {}, '{missing} stays'],
  ])('%s with %j → %s', (template, data, text) => {
    expect(formatMessage(template, data)).toBe(text);
  });
});

describe('each', () => {
  const meta: CheckMeta = {
    id: 't.each',
    title: 't',
    provider: 'tls',
    severity: 'low',
    description: 'd',
    remediation: 'r',
    messages: { ok: 'ok {n}' },
  };
  const helpers = resultFactory(meta, currentReads);

  it('judges every item in order, a bounded number at a time, an uncollected fact an error for its item alone', async () => {
    const items = Array.from({ length: EACH_IN_FLIGHT * 3 + 5 }, (_, n) => n);
    let running = 0;
    let most = 0;
    const results = await helpers.each(
      items,
      (n) => `r${n}`,
      async (n) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, n % 7));
        running--;
        if (n === 10) throw new FactError({ kind: 'denied', message: 'no' });
        return helpers.pass(`r${n}`, 'ok', { n });
      },
    );
    expect(results.map((r) => r.resource)).toEqual(items.map((n) => `r${n}`));
    expect(results.filter((r) => r.status === 'error').map((r) => r.resource)).toEqual(['r10']);
    expect(most).toBe(EACH_IN_FLIGHT);
  });

  it('stops taking items when one fails with something other than a fact error, and rejects with it', async () => {
    const judged: number[] = [];
    const items = Array.from({ length: EACH_IN_FLIGHT * 4 }, (_, n) => n);
    const failing = helpers.each(
      items,
      (n) => `r${n}`,
      async (n) => {
        judged.push(n);
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (n === 0) throw new TypeError('bug in the check');
        return helpers.pass(`r${n}`, 'ok', { n });
      },
    );
    await expect(failing).rejects.toThrow('bug in the check');
    expect(judged.length).toBeLessThan(items.length);
  });
});
