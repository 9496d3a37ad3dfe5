import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import check from './github.org.owner-count.js';

const owners = (n: number) => answers(Array.from({ length: n }, (_, i) => ({ login: `owner${i}` })));

describe('github.org.owner-count', () => {
  it.each([
    [1, undefined, 'pass'],
    [3, undefined, 'pass'],
    [4, undefined, 'fail'],
    [4, 5, 'pass'],
    [2, 1, 'fail'],
  ])('%i owners with maxOwners %s → %s', async (n, max, status) => {
    const [r] = await runCheck(check, { owners: owners(n) }, { settings: max === undefined ? {} : { maxOwners: max } });
    expect(r.status).toBe(status);
    expect(r.observed).toMatchObject({ count: n, max: max ?? 3 });
    expect((r.observed?.owners as string[]).length).toBe(n);
  });

  it('an empty owner list is an error, not a pass', async () => {
    const [r] = await runCheck(check, { owners: owners(0) });
    expect(r.status).toBe('error');
    expect(r.message).toContain('read:org');
  });

  it('a denied owner list is an error naming the scope', async () => {
    const [r] = await runCheck(check, { owners: failing({ permission: 'read:org scope' }) });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('read:org') });
  });
});
