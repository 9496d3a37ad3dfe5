import { describe, expect, it } from 'vitest';
import { FactError, FactStore } from './facts.js';
import { Pools } from './pools.js';

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
    await expect(fact).rejects.toMatchObject({ kind: 'timeout', message: expect.stringMatching(/^Hang on t:1 did not complete within 0.05s \(every attempt and retry included\)$/) });
    expect(aborted).toBeInstanceOf(FactError);
    const [record] = store.snapshot();
    expect(record).toMatchObject({ ok: false, error: { kind: 'timeout' }, calls: [{ operation: 'Hang', error: expect.stringContaining('did not complete') }] });
  });

  it('leaves a call that answers in time alone', async () => {
    const scope = new FactStore(new Pools()).scope({ target: 't:1', pool: 'demo', classify, callTimeoutMs: 5_000 });
    await expect(scope.fact('demo.ok', (rec) => rec.call({ operation: 'Get' }, async () => 42))).resolves.toBe(42);
  });
});
