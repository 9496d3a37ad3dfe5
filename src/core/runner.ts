import { boundedMap } from './bounded-map.js';
import { describeCause, resultFactory, type BaseContext, type Check, type SettingValue } from './check.js';
import type { FactStore } from './facts.js';
import type { Provider, ProviderRuntime } from './provider.js';
import { currentReads, withReads } from './reads.js';
import { ElsewhereError } from './shard.js';
import { admitResults } from './result-boundary.js';
import { WaitClock, withWaitClock } from './waits.js';
import type { Result, Target } from './types.js';

export interface RunPlan {
  checks: Check[];
  targets: Target[];
  store: FactStore;
  runtime: ProviderRuntime;
  /** Fact accessors of a target, built once per target by its provider. */
  factsOf(target: Target): unknown;
  /** Settings of one check: declared defaults overlaid with the config. */
  settingsOf(check: Check): Record<string, SettingValue>;
  now: Date;
  /** How many check × target tasks run at once. */
  concurrency: number;
  /** A provider's own number of its tasks at once, when it sets one (Provider.tasksAtOnce); else they share `concurrency`. */
  tasksAtOnce?(provider: string): number | undefined;
  /** Time limit of one check on one target, on its own time: waits for facts are not counted. */
  checkTimeoutMs: number;
  /** Aborts at `--max-duration`: checks not finished by then end as `error`, and the run is still written. */
  deadline?: AbortSignal;
  onProgress?(done: number, total: number, check: Check, target: Target): void;
  /** A check that read a fact another shard owns (ElsewhereError): it has no result here, that shard judges it. */
  onElsewhere?(check: Check, target: Target): void;
}

/**
 * Runs every check over every target of its provider, in parallel. A check
 * that throws or runs out of time yields an `error` for its target; the rest
 * of the scan goes on.
 */
export async function runChecks(plan: RunPlan): Promise<Result[]> {
  const tasks = plan.targets.flatMap((target) =>
    plan.checks.filter((check) => check.meta.provider === target.provider).map((check) => ({ check, target })),
  );
  let done = 0;
  const run = async ({ check, target }: (typeof tasks)[number]) => {
    const out = await runOne(check, target, plan.factsOf(target), plan);
    plan.onProgress?.(++done, tasks.length, check, target);
    return out;
  };
  // Tasks of a provider that sets its own number run in a group of their own, the others share `concurrency`.
  const groups = new Map<number | undefined, number[]>();
  tasks.forEach((task, index) => {
    const own = plan.tasksAtOnce?.(task.target.provider);
    const group = groups.get(own);
    if (group) group.push(index);
    else groups.set(own, [index]);
  });
  const results = new Array<Result[]>(tasks.length);
  await Promise.all(
    [...groups].map(async ([own, indices]) => {
      const out = await boundedMap(indices, own ?? plan.concurrency, (index) => run(tasks[index]!));
      out.forEach((r, i) => (results[indices[i]!] = r));
    }),
  );
  return results.flat();
}

async function runOne(check: Check, target: Target, facts: unknown, plan: RunPlan): Promise<Result[]> {
  const helpers = resultFactory(check.meta, currentReads);
  const ctx: BaseContext & Record<string, unknown> = {
    target,
    settings: plan.settingsOf(check),
    now: plan.now,
    ...helpers,
    [target.provider]: facts,
  };
  if (plan.deadline?.aborted) return [helpers.error(target.resource, plan.deadline.reason)];
  // The limit is on the check's own time: waits for facts to be collected do not count (see waits.ts).
  const clock = new WaitClock();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  let onDeadline: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const tick = () => {
      const own = performance.now() - started - clock.waitedMs();
      if (own >= plan.checkTimeoutMs) reject(new CheckTimeout(`timed out after ${plan.checkTimeoutMs / 1000}s of its own time`));
      else timer = setTimeout(tick, Math.max(plan.checkTimeoutMs - own, 10));
    };
    timer = setTimeout(tick, plan.checkTimeoutMs);
    onDeadline = () => reject(plan.deadline?.reason instanceof Error ? plan.deadline.reason : new Error('the run deadline passed'));
    plan.deadline?.addEventListener('abort', onDeadline, { once: true });
  });
  try {
    return await withReads(async () => {
      try {
        const results = await Promise.race([withWaitClock(clock, () => check.run(ctx as never)), timeout]);
        if (!Array.isArray(results)) throw new TypeError(`run() returned ${typeof results}, not an array of results`);
        return admitResults(check, target, results, helpers.error);
      } catch (err) {
        if (err instanceof ElsewhereError) {
          plan.onElsewhere?.(check, target);
          return [];
        }
        plan.runtime.log.warn({ check: check.meta.id, target: target.id, reason: describeCause(err) }, 'check did not complete');
        return [helpers.error(target.resource, err)];
      }
    });
  } finally {
    clearTimeout(timer);
    if (onDeadline) plan.deadline?.removeEventListener('abort', onDeadline);
  }
}

export class CheckTimeout extends Error {
  override name = 'CheckTimeout';
}

/** Builds each target's fact accessors once, through its provider. */
export function factsByTarget(providers: ReadonlyMap<string, Provider>, store: FactStore, runtime: ProviderRuntime) {
  const built = new Map<string, unknown>();
  return (target: Target): unknown => {
    if (!built.has(target.id)) {
      const provider = providers.get(target.provider);
      if (!provider) throw new Error(`no provider ${target.provider} for target ${target.id}`);
      built.set(target.id, provider.facts(target, store, runtime));
    }
    return built.get(target.id);
  };
}
