import type { CallRecord, FactErrorData, FactErrorKind, FactRecord } from './types.js';
import { CallDeadline } from './call-deadline.js';
import type { Pools } from './pools.js';
import { currentReads, noteRead, outsideReads, withReads } from './reads.js';
import { countWait, outsideWaitClock } from './waits.js';

/**
 * A fact that could not be collected. It is memoised like any fact, so every
 * check that needs it turns it into an `error` result with the same reason.
 */
export class FactError extends Error {
  readonly kind: FactErrorKind;
  readonly permission?: string;
  readonly status?: number;
  readonly code?: string;

  constructor(data: FactErrorData) {
    super(data.message);
    this.name = 'FactError';
    this.kind = data.kind;
    this.permission = data.permission;
    this.status = data.status;
    this.code = data.code;
  }

  toJSON(): FactErrorData {
    const { kind, message, permission, status, code } = this;
    return { kind, message, permission, status, code };
  }
}

/** Turns whatever a fetcher threw into a typed fact error (provider-specific). */
export type ErrorClassifier = (err: unknown, call?: CallRecord) => FactError;

export interface CallOptions {
  operation: string;
  /** What the call was about: a bucket, a repository, an endpoint. Defaults to the target id. */
  target?: string;
  /** Which p-limit pool the call waits in; defaults to the provider id. */
  pool?: string;
}

/** What a response or error tells about the HTTP exchange behind it. */
export interface CallInspector {
  (outcome: { value?: unknown; error?: unknown }): { status?: number; requestId?: string; cost?: number };
}

/**
 * Handed to a fetcher: every API call it makes goes through `call`, so it is
 * logged, pooled and bounded in time. `fn` gets a signal that aborts when the
 * call's time is up; the call then fails with a `timeout` whatever `fn` does.
 * The signal also names the call to `awaitSlot` (call-deadline.ts), so that
 * its waits for slots shared with other targets stop its clock.
 */
export interface CallRecorder {
  call<T>(options: CallOptions, fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
}

export interface FactScopeOptions {
  /** Target id, e.g. `aws:123456789012`. */
  target: string;
  /** Default pool for calls made in this scope. */
  pool: string;
  classify: ErrorClassifier;
  inspect?: CallInspector;
  /**
   * Time limit of one call with all its attempts and the waits between them
   * (the clients' own retries happen inside it); none when absent.
   */
  callTimeoutMs?: number;
}

/** A provider's view of the store for one target: `scope.fact(key, fetch)`. */
export interface FactScope {
  readonly target: string;
  fact<T>(key: string, fetch: (rec: CallRecorder) => Promise<T>): Promise<T>;
}

/**
 * Facts of one run, fetched at most once and memoised by `<target>/<key>`.
 * In replay mode the fetchers are never called: values come from a snapshot.
 */
export class FactStore {
  private readonly live = new Map<string, Promise<unknown>>();
  private readonly records = new Map<string, FactRecord>();
  private readonly refs = new Map<string, string>();
  private readonly replay?: Map<string, FactRecord>;

  constructor(
    private readonly pools: Pools,
    snapshot?: FactRecord[],
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (snapshot) this.replay = new Map(snapshot.map((f) => [f.ref, f]));
  }

  get replaying(): boolean {
    return this.replay !== undefined;
  }

  scope(options: FactScopeOptions): FactScope {
    return { target: options.target, fact: (key, fetch) => this.fact(options, key, fetch) };
  }

  /**
   * Waits until no fact is being collected, or `signal` aborts: a check that
   * ended at its first failed read may leave other reads in flight, and every
   * fact a result names belongs in snapshot.json.
   */
  async settled(signal?: AbortSignal): Promise<void> {
    const aborted = signal && new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    for (let size = -1; size !== this.live.size && !signal?.aborted;) {
      size = this.live.size;
      const all = Promise.allSettled(this.live.values());
      await (aborted ? Promise.race([all, aborted]) : all);
    }
  }

  /** Every fact of the run, in a stable order, for snapshot.json. */
  snapshot(): FactRecord[] {
    return [...this.records.values()].sort((a, b) => a.ref.localeCompare(b.ref));
  }

  /** One string per ref, whichever call made it: every result's factRefs name the same strings instead of copies. */
  private intern(ref: string): string {
    const known = this.refs.get(ref);
    if (known !== undefined) return known;
    this.refs.set(ref, ref);
    return ref;
  }

  private fact<T>(options: FactScopeOptions, key: string, fetch: (rec: CallRecorder) => Promise<T>): Promise<T> {
    const ref = this.intern(`${options.target}/${key}`);
    noteRead(ref);
    let pending = this.live.get(ref) as Promise<T> | undefined;
    if (!pending) {
      // Made outside the asking check's context, which the memoised promise would otherwise keep for the whole
      // run; the asker still gets every fact the fetcher read, through withDependencies.
      pending = outsideReads(() =>
        outsideWaitClock(() => (this.replay ? this.fromSnapshot<T>(ref) : this.collect(options, ref, key, fetch))),
      );
      this.live.set(ref, pending);
    }
    return countWait(this.withDependencies(ref, pending));
  }

  /**
   * Every reader of a fact also reads the facts its fetcher read (a bucket's
   * region behind its versioning): whether it fetched the fact itself, found
   * it memoised, or replays it, so that results name the same facts each time.
   */
  private async withDependencies<T>(ref: string, pending: Promise<T>): Promise<T> {
    try {
      return await pending;
    } finally {
      for (const dependency of this.records.get(ref)?.dependsOn ?? []) noteRead(dependency);
    }
  }

  private async fromSnapshot<T>(ref: string): Promise<T> {
    const stored = this.replay!.get(ref);
    if (!stored) throw new FactError({ kind: 'missing', message: `fact ${ref} is not in the snapshot` });
    this.records.set(ref, stored);
    // Its dependencies were read to collect it: they belong to this snapshot too.
    for (const dependency of stored.dependsOn ?? [])
      if (this.replay!.has(dependency)) this.records.set(dependency, this.replay!.get(dependency)!);
    if (!stored.ok) throw new FactError(stored.error ?? { kind: 'other', message: 'unknown error' });
    return stored.value as T;
  }

  private async collect<T>(options: FactScopeOptions, ref: string, key: string, fetch: (rec: CallRecorder) => Promise<T>): Promise<T> {
    const calls: CallRecord[] = [];
    const recorder: CallRecorder = {
      call: (callOptions, fn) => this.call(options, callOptions, calls, fn),
    };
    const collectedAt = this.clock().toISOString();
    // The facts this fetcher reads, apart from the reads of whichever check asked first.
    let dependsOn: string[] = [];
    const fetchTracked = () =>
      withReads(async () => {
        try {
          return await fetch(recorder);
        } finally {
          dependsOn = currentReads();
        }
      }, []);
    const deps = () => (dependsOn.length ? { dependsOn } : {});
    try {
      // Checks see the JSON form live too, so that a replayed run judges exactly the same data.
      const value = toJson(await fetchTracked()) as T;
      this.records.set(ref, { ref, target: options.target, key, collectedAt, ok: true, value, ...deps(), calls });
      return value;
    } catch (err) {
      const error = err instanceof FactError ? err : options.classify(err, calls.at(-1));
      this.records.set(ref, { ref, target: options.target, key, collectedAt, ok: false, error: error.toJSON(), ...deps(), calls });
      throw error;
    }
  }

  private async call<T>(
    scope: FactScopeOptions,
    options: CallOptions,
    calls: CallRecord[],
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return this.pools.get(options.pool ?? scope.pool)(async () => {
      const started = this.clock();
      const record: CallRecord = {
        operation: options.operation,
        target: options.target ?? scope.target,
        startedAt: started.toISOString(),
        durationMs: 0,
      };
      calls.push(record);
      const t0 = performance.now();
      const deadline = withDeadline(scope.callTimeoutMs, `${options.operation} on ${record.target}`);
      try {
        const value = await deadline.race(fn(deadline.signal));
        Object.assign(record, clean(scope.inspect?.({ value })));
        return value;
      } catch (error) {
        Object.assign(record, clean(scope.inspect?.({ error })));
        record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw error;
      } finally {
        deadline.clear();
        record.durationMs = Math.round((performance.now() - t0) * 10) / 10;
      }
    });
  }
}

/**
 * A call's time limit: a signal for the client, and a race that fails with a
 * `timeout` when the time is up even if the client goes on retrying. Time the
 * call spends only waiting for shared slots does not count (call-deadline.ts).
 */
function withDeadline(ms: number | undefined, what: string) {
  const clock =
    ms === undefined
      ? undefined
      : new CallDeadline(
          ms,
          () =>
            new FactError({ kind: 'timeout', message: `${what} did not complete within ${ms / 1000}s (every attempt and retry included)` }),
        );
  return {
    signal: clock?.signal ?? new AbortController().signal,
    race: <T>(work: Promise<T>) => (clock ? Promise.race([work, clock.expired]) : work),
    clear: () => clock?.clear(),
  };
}

function clean<T extends object>(o: T | undefined): Partial<T> {
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Facts are stored as JSON; a value that does not survive the round trip would break replay. */
function toJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
