import { boundedMap } from './bounded-map.js';
import { FactError } from './facts.js';
import { withReads } from './reads.js';
import type { CheckMeta, ProviderId, Result, SettingSpec, SettingType, SettingTypes, Status, Target } from './types.js';
import { textOf } from './text.js';

/**
 * What each provider hands its checks, keyed by provider id. Providers add
 * themselves by declaration merging:
 *
 *   declare module '../../core/check.js' { interface ProviderFacts { aws: AwsFacts } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProviderFacts {}

export type SettingValue = SettingTypes[SettingType] | null;

/** The settings a check declares, by name. */
export type SettingSpecs = Record<string, SettingSpec>;

/** The value a check reads for one declared setting: its type, or `null` too when nullable. */
type SettingValueOf<S> = S extends SettingSpec<infer T> ? (S extends { nullable: true } ? SettingTypes[T] | null : SettingTypes[T]) : never;

/** The typed settings of a check, inferred from its `meta.settings`. */
export type SettingsOf<S extends SettingSpecs> = string extends keyof S
  ? Readonly<Record<string, SettingValue>>
  : { readonly [K in keyof S]: SettingValueOf<S[K]> };

export type Observed = Record<string, unknown>;

/** How many items of one `ctx.each` are judged at once: far more than the API pools run, far fewer than an estate holds. */
export const EACH_IN_FLIGHT = 64;

/**
 * Message ids that every check has without declaring them: the results that
 * say why no verdict could be reached.
 */
export const CORE_MESSAGES = {
  /** A fact could not be collected (denied, throttled, timed out, malformed answer). */
  notCollected: 'could not collect: {reason}',
  /** The facts were collected but lack what the verdict needs (`ctx.missing`). */
  missingData: 'data needed is missing: {reason}',
  /** The check itself threw or ran out of time. */
  checkFailed: 'check failed: {reason}',
} as const;
export type CoreMessageId = keyof typeof CORE_MESSAGES;

/**
 * The result helpers of a check whose messages are `M`. They are properties,
 * not methods, so that TypeScript checks their parameters strictly: a context
 * whose check does not declare `noBuckets` cannot be handed to a helper that
 * reports `noBuckets`.
 */
export interface ResultHelpers<M extends string> {
  readonly pass: (resource: string, messageId: M, observed?: Observed) => Result;
  readonly fail: (resource: string, messageId: M, observed?: Observed) => Result;
  readonly notApplicable: (resource: string, messageId: M, observed?: Observed) => Result;
  /** An `error` result; `cause` is usually a FactError, whose reason becomes `observed.reason`. */
  readonly error: (resource: string, cause: unknown, observed?: Observed) => Result;
  /**
   * The one way to say that the collected facts lack what the verdict needs
   * (a report without its root row, a probe that stayed inconclusive): an
   * `error` with message id `missingData` and `observed.reason` of kind `missing`.
   */
  readonly missing: (resource: string, what: string, observed?: Observed) => Result;
  /**
   * Judges each item on its own: a fact that could not be collected for one
   * item makes that item's result `error` and leaves the others alone.
   */
  readonly each: <T>(
    items: readonly T[],
    resourceOf: (item: T) => string,
    judge: (item: T) => Promise<Result | Result[]>,
  ) => Promise<Result[]>;
}

export interface BaseContext<M extends string = string, S extends SettingSpecs = SettingSpecs> extends ResultHelpers<M> {
  readonly target: Target;
  /** The check's settings: its declared defaults overlaid with the config. */
  readonly settings: SettingsOf<S>;
  /** The run's clock: checks judge ages against it, never against Date.now(). */
  readonly now: Date;
}

/**
 * The context a check of provider `P` receives. Shared judging helpers name
 * the message ids they report in `M` (`CheckContext<'aws', 'noBuckets'>`);
 * `never` when they report none.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type CheckContext<P extends ProviderId = ProviderId, M extends string = never, S extends SettingSpecs = {}> = BaseContext<M, S> &
  (P extends keyof ProviderFacts ? Pick<ProviderFacts, P> : Record<string, unknown>);

export interface CheckMetaOf<P extends ProviderId, M extends string = string, S extends SettingSpecs = SettingSpecs> extends CheckMeta<
  M,
  S
> {
  provider: P;
}

/** A check as the runner sees it: its message ids and settings are erased. */
export interface Check<P extends ProviderId = ProviderId> {
  meta: CheckMetaOf<P>;
  run(ctx: CheckContext<P, string, SettingSpecs>): Promise<Result[]>;
}

/** A check as its author writes it: the context is typed from the metadata. */
export interface CheckDefinition<P extends ProviderId, M extends string, S extends SettingSpecs> {
  meta: CheckMetaOf<P, M, S>;
  run(ctx: CheckContext<P, M, S>): Promise<Result[]>;
}

/**
 * Gives a check file its types, as typescript-eslint's RuleCreator does for
 * rules: message ids and settings are inferred from `meta`, so
 * `ctx.pass(r, 'typo')` and `ctx.settings.unknown` do not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function defineCheck<P extends ProviderId, M extends string, S extends SettingSpecs = {}>(
  check: CheckDefinition<P, M, S>,
): Check<P> {
  return check as unknown as Check<P>;
}

/**
 * Fills `{name}` placeholders from `data`; an unknown name stays visible rather
 * than vanishing, and an empty list reads "none" (so `observed` keeps the real, empty list).
 */
export function formatMessage(template: string, data: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = data[name];
    if (value === undefined) return whole;
    if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
    return textOf(value);
  });
}

/** The `{name}` placeholders of a message template. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

/** Builds the result helpers of a context for one check on one target. */
export function resultFactory(meta: CheckMeta, factRefs: () => string[]): ResultHelpers<string> {
  const base = (resource: string, status: Status) => ({ checkId: meta.id, resource, status, severity: meta.severity });
  const make = (resource: string, status: Status, messageId: string, observed?: Observed): Result => {
    const template = meta.messages[messageId];
    if (template === undefined) throw new Error(`check ${meta.id} has no message with id "${messageId}"`);
    return {
      ...base(resource, status),
      messageId,
      message: formatMessage(template, observed),
      ...(observed ? { observed } : {}),
      factRefs: factRefs(),
    };
  };
  const error = (resource: string, cause: unknown, observed?: Observed): Result => ({
    ...base(resource, 'error'),
    messageId: cause instanceof FactError ? 'notCollected' : 'checkFailed',
    message: describeCause(cause),
    ...(cause instanceof FactError ? { observed: { ...observed, reason: cause.toJSON() } } : observed ? { observed } : {}),
    factRefs: factRefs(),
  });
  const missing = (resource: string, what: string, observed?: Observed): Result => ({
    ...base(resource, 'error'),
    messageId: 'missingData',
    message: formatMessage(CORE_MESSAGES.missingData, { reason: what }),
    observed: { ...observed, reason: { kind: 'missing', message: what } },
    factRefs: factRefs(),
  });
  return {
    pass: (r, id, o) => make(r, 'pass', id, o),
    fail: (r, id, o) => make(r, 'fail', id, o),
    notApplicable: (r, id, o) => make(r, 'not_applicable', id, o),
    error,
    missing,
    async each<T>(items: readonly T[], resourceOf: (item: T) => string, judge: (item: T) => Promise<Result | Result[]>) {
      // Each item starts from the reads made before the loop: an earlier item's reads are not its own.
      const before = factRefs();
      // A bounded number of items is judged at once: 5,000 buckets started together per check hold
      // every one's pending reads in memory at the same time, while the API pools admit a few calls anyway.
      const judged = await boundedMap(items, EACH_IN_FLIGHT, async (item) => {
        try {
          return [await withReads(() => judge(item), before)].flat();
        } catch (err) {
          if (err instanceof FactError) return [error(resourceOf(item), err)];
          throw err; // a bug in the check: no more items are started
        }
      });
      return judged.flat();
    },
  };
}

export function describeCause(cause: unknown): string {
  if (cause instanceof FactError) {
    const permission = cause.permission ? ` (needs ${cause.permission})` : '';
    return `could not collect: ${cause.message}${permission}`;
  }
  if (cause instanceof Error) return `check failed: ${cause.message}`;
  return `check failed: ${String(cause)}`;
}
