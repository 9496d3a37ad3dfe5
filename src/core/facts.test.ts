import { describe, expect, it } from 'vitest';
import { FactError, FactStore } from './facts.js';
import { Pools } from './pools.js';
import { currentReads, withReads } from './reads.js';

/** A fact whose fetcher reads another fact first, as a bucket's versioning reads the bucket's region. */
function accessors(store: FactStore) {
  const scope = store.scope({ target: 't', pool: 'p', classify: (err) => new FactError({ kind: 'other', message: String(err) }) });
  const region = () => scope.fact('region', async () => 'eu-west-1');
  const versioning = () => scope.fact('versioning', async () => ({ status: 'Enabled', region: await region() }));
  return { versioning };
}

const readsOf = (fn: () => Promise<unknown>) => withReads(async () => (await fn(), currentReads()), []);

describe('facts read by a fetcher', () => {
  it('are read by every reader of the fact, the first or a later one, live or replayed', async () => {
    const live = new FactStore(new Pools());
    const { versioning } = accessors(live);
    const [first, second] = await Promise.all([readsOf(versioning), readsOf(versioning)]);
    const later = await readsOf(versioning);
    expect([first, second, later]).toEqual(Array(3).fill(['t/region', 't/versioning']));
    expect(live.snapshot().find((f) => f.ref === 't/versioning')?.dependsOn).toEqual(['t/region']);

    const replay = new FactStore(new Pools(), live.snapshot());
    expect(await readsOf(accessors(replay).versioning)).toEqual(['t/region', 't/versioning']);
    expect(replay.snapshot().map((f) => f.ref)).toEqual(['t/region', 't/versioning']);
  });
});

const classify = (err: unknown) => new FactError({ kind: 'other', message: String(err) });

describe('a call is bounded with all its retries', () => {
  it('fails as a timeout when its time is up, whatever the client goes on doing, and aborts the client', async () => {
    const store = new FactStore(new Pools());
    const scope = store.scope({ target: 't:1', pool: 'demo', classify, callTimeoutMs: 50 });
    let aborted: unknown;
    const fact = scope.fact('demo.hanging', (rec) =>
      rec.call({ operation: 'Hang' }, (signal) => {
        signal.addEventListener('abort', () => (aborted = signal.reason));
        return new Promise<never>(() => {}); // a client that retries for ever
      }),
    );
    await expect(fact).rejects.toMatchObject({
      kind: 'timeout',
      message: expect.stringMatching(/^Hang on t:1 did not complete within 0.05s \(every attempt and retry included\)$/),
    });
    expect(aborted).toBeInstanceOf(FactError);
    const [record] = store.snapshot();
    expect(record).toMatchObject({
      ok: false,
      error: { kind: 'timeout' },
      calls: [{ operation: 'Hang', error: expect.stringContaining('did not complete') }],
    });
  });

  it('leaves a call that answers in time alone', async () => {
    const scope = new FactStore(new Pools()).scope({ target: 't:1', pool: 'demo', classify, callTimeoutMs: 5_000 });
    await expect(scope.fact('demo.ok', (rec) => rec.call({ operation: 'Get' }, async () => 42))).resolves.toBe(42);
  });
});

describe('the facts still being collected when the checks are done', () => {
  const slow = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve('late'), ms));

  it('are waited for, so that every fact a result names is in the snapshot', async () => {
    const store = new FactStore(new Pools());
    const scope = store.scope({ target: 't', pool: 'p', classify });
    // A check that stopped at its first failed read, leaving the other read in flight.
    const reads = [scope.fact('fails', () => Promise.reject(new Error('boom'))), scope.fact('slow', () => slow(30))];
    await expect(Promise.all(reads)).rejects.toThrow();
    expect(store.snapshot().map((f) => f.ref)).toEqual(['t/fails']);
    await store.settled();
    expect(store.snapshot().map((f) => [f.ref, f.ok])).toEqual([
      ['t/fails', false],
      ['t/slow', true],
    ]);
  });

  it('are waited for no longer than the run may last', async () => {
    const store = new FactStore(new Pools());
    void store.scope({ target: 't', pool: 'p', classify }).fact('endless', () => new Promise<never>(() => {}));
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(), 20);
    await store.settled(deadline.signal);
    expect(store.snapshot()).toEqual([]);
  });
});
