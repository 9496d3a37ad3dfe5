import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { defineCheck, type Check } from './check.js';
import { FactError, FactStore, type FactScope } from './facts.js';
import { Pools } from './pools.js';
import type { Provider } from './provider.js';
import { factsByTarget, runChecks, type RunPlan } from './runner.js';
import type { Target } from './types.js';
import { nth } from '../../test/helpers/nth.js';

/** A provider whose one fact counts how often its API was called. */
function countingProvider(calls: { n: number }, behaviour: 'ok' | 'denied' = 'ok', latencyMs = 5) {
  const provider: Provider = {
    id: 'demo',
    title: 'Demo',
    async resolveTargets() {
      return [];
    },
    facts(target: Target, store: FactStore) {
      const scope: FactScope = store.scope({
        target: target.id,
        pool: 'demo',
        classify: (err) => new FactError({ kind: 'other', message: String(err) }),
        inspect: () => ({ status: 200, requestId: 'req-1' }),
      });
      return {
        settings: () =>
          scope.fact('demo.settings', (rec) =>
            rec.call({ operation: 'GetSettings' }, async () => {
              calls.n++;
              await new Promise((r) => setTimeout(r, latencyMs));
              if (behaviour === 'denied') throw new FactError({ kind: 'denied', message: 'AccessDenied', permission: 'demo:GetSettings' });
              return { mfa: true };
            }),
          ),
      };
    },
    async identity() {
      return { provider: 'demo', target: 'demo:1', principal: 'tester' };
    },
  };
  return provider;
}

type DemoCtx = { demo: { settings(): Promise<{ mfa: boolean }> } };

const reader = (id: string): Check =>
  defineCheck({
    meta: {
      id,
      title: id,
      provider: 'demo',
      severity: 'high',
      description: 'd',
      remediation: 'r',
      messages: { on: 'mfa on', off: 'mfa off' },
    },
    async run(ctx) {
      const { settings } = (ctx as unknown as DemoCtx).demo;
      const s = await settings();
      return [s.mfa ? ctx.pass('demo:1', 'on', { mfa: s.mfa }) : ctx.fail('demo:1', 'off', { mfa: s.mfa })];
    },
  });

function plan(checks: Check[], provider: Provider, overrides: Partial<RunPlan> = {}): RunPlan {
  const store = overrides.store ?? new FactStore(new Pools());
  const runtime = { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 1000 };
  return {
    checks,
    targets: [{ provider: 'demo', id: 'demo:1', resource: 'demo:1', options: {} }],
    store,
    factsOf: factsByTarget(new Map([['demo', provider]]), store, runtime),
    runtime,
    settingsOf: () => ({}),
    now: new Date('2026-01-01T00:00:00Z'),
    concurrency: 4,
    checkTimeoutMs: 1000,
    ...overrides,
  };
}

describe('runChecks', () => {
  it('runs as many of a provider’s tasks at once as it sets, the others’ within the scan’s concurrency, results in order', async () => {
    let running = 0;
    const peak: Record<string, number> = {};
    const waiter = (id: string, provider: string): Check =>
      defineCheck({
        meta: { id, title: id, provider, severity: 'low', description: 'd', remediation: 'r', messages: { ok: 'ok' } },
        async run(ctx) {
          peak[provider] = Math.max(peak[provider] ?? 0, ++running);
          await new Promise((r) => setTimeout(r, 20));
          running--;
          return [ctx.pass(ctx.target.resource, 'ok', {})];
        },
      });
    const targets = (provider: string) =>
      Array.from({ length: 6 }, (_, i) => ({ provider, id: `${provider}:${i}`, resource: `${provider}:${i}`, options: {} }));
    const run = (provider: string, tasksAtOnce?: (p: string) => number | undefined) =>
      runChecks(
        plan([waiter(`${provider}.a.one`, provider), waiter(`${provider}.a.two`, provider)], countingProvider({ n: 0 }), {
          targets: targets(provider),
          factsOf: () => ({}),
          concurrency: 2,
          ...(tasksAtOnce ? { tasksAtOnce } : {}),
        }),
      );
    const results = await run('wide', (p) => (p === 'wide' ? 12 : undefined));
    expect(peak.wide).toBe(12);
    expect(results.map((r) => r.resource)).toEqual(targets('wide').flatMap((t) => [t.resource, t.resource]));
    await run('demo', () => undefined);
    expect(peak.demo).toBe(2);
  });

  it('fetches a fact once however many checks read it, and logs the call', async () => {
    const calls = { n: 0 };
    const p = plan([reader('demo.a.one'), reader('demo.a.two')], countingProvider(calls));
    const results = await runChecks(p);
    expect(calls.n).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass']);
    expect(results[0]?.factRefs).toEqual(['demo:1/demo.settings']);
    const fact = nth(p.store.snapshot(), 0);
    expect(fact).toMatchObject({ ref: 'demo:1/demo.settings', ok: true, value: { mfa: true } });
    expect(fact.calls).toEqual([expect.objectContaining({ operation: 'GetSettings', status: 200, requestId: 'req-1', target: 'demo:1' })]);
  });

  it('turns an uncollectable fact into error results that name the permission, never pass', async () => {
    const calls = { n: 0 };
    const results = await runChecks(plan([reader('demo.a.one'), reader('demo.a.two')], countingProvider(calls, 'denied')));
    expect(calls.n).toBe(1);
    for (const r of results) {
      expect(r.status).toBe('error');
      expect(r.message).toContain('demo:GetSettings');
    }
  });

  it('isolates a check that throws: it yields error, the others still run', async () => {
    const thrower = defineCheck({
      ...reader('demo.a.broken'),
      async run() {
        throw new Error('bug in check');
      },
    });
    const results = await runChecks(plan([thrower, reader('demo.a.one')], countingProvider({ n: 0 })));
    expect(results.find((r) => r.checkId === 'demo.a.broken')).toMatchObject({ status: 'error', message: 'check failed: bug in check' });
    expect(results.find((r) => r.checkId === 'demo.a.one')).toMatchObject({ status: 'pass' });
  });

  it('gives each check a time limit', async () => {
    const slow = defineCheck({ ...reader('demo.a.slow'), run: () => new Promise(() => {}) });
    const results = await runChecks(plan([slow, reader('demo.a.one')], countingProvider({ n: 0 }), { checkTimeoutMs: 50 }));
    expect(results.find((r) => r.checkId === 'demo.a.slow')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('timed out after 0.05s'),
    });
    expect(results.find((r) => r.checkId === 'demo.a.one')?.status).toBe('pass');
  });

  it('counts only the check’s own time against the limit, not its waits for facts to be collected', async () => {
    const ownWork = defineCheck({
      ...reader('demo.a.busy'),
      async run(ctx) {
        await (ctx as unknown as DemoCtx).demo.settings();
        await new Promise((r) => setTimeout(r, 200));
        return [ctx.pass('demo:1', 'on')];
      },
    });
    const results = await runChecks(plan([reader('demo.a.one'), ownWork], countingProvider({ n: 0 }, 'ok', 200), { checkTimeoutMs: 100 }));
    expect(results.find((r) => r.checkId === 'demo.a.one')).toMatchObject({ status: 'pass' });
    expect(results.find((r) => r.checkId === 'demo.a.busy')).toMatchObject({
      status: 'error',
      message: expect.stringContaining('timed out after 0.1s of its own time'),
    });
  });

  it('replays a snapshot without calling the API, to the same verdicts', async () => {
    const calls = { n: 0 };
    const live = plan([reader('demo.a.one')], countingProvider(calls));
    const first = await runChecks(live);
    const replay = plan([reader('demo.a.one')], countingProvider(calls), { store: new FactStore(new Pools(), live.store.snapshot()) });
    expect(await runChecks(replay)).toEqual(first);
    expect(calls.n).toBe(1);
  });
});
