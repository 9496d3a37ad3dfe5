import { FactError } from './facts.js';
import { withReads } from './reads.js';
import type { CheckMeta, ProviderId, Result, Status, Target } from './types.js';

/**
 * What each provider hands its checks, keyed by provider id. Providers add
 * themselves by declaration merging:
 *
 *   declare module '../../core/check.js' { interface ProviderFacts { aws: AwsFacts } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProviderFacts {}

export type SettingValue = number | string | boolean | string[];

export interface BaseContext {
  readonly target: Target;
  /** The check's settings: its declared defaults overlaid with the config. */
  readonly settings: Readonly<Record<string, SettingValue>>;
  /** The run's clock: checks judge ages against it, never against Date.now(). */
  readonly now: Date;
  pass(resource: string, messageId: string, observed?: Record<string, unknown>): Result;
  fail(resource: string, messageId: string, observed?: Record<string, unknown>): Result;
  notApplicable(resource: string, messageId: string, observed?: Record<string, unknown>): Result;
  /** An `error` result; `cause` is usually a FactError, whose reason becomes the message. */
  error(resource: string, cause: unknown, observed?: Record<string, unknown>): Result;
  /**
   * Judges each item on its own: a fact that could not be collected for one
   * item makes that item's result `error` and leaves the others alone.
   */
  each<T>(items: readonly T[], resourceOf: (item: T) => string, judge: (item: T) => Promise<Result | Result[]>): Promise<Result[]>;
}

export type CheckContext<P extends ProviderId = ProviderId> = BaseContext &
  (P extends keyof ProviderFacts ? Pick<ProviderFacts, P> : Record<string, unknown>);

export interface CheckMetaOf<P extends ProviderId> extends CheckMeta {
  provider: P;
}

export interface Check<P extends ProviderId = ProviderId> {
  meta: CheckMetaOf<P>;
  run(ctx: CheckContext<P>): Promise<Result[]>;
}

/** Identity at run time; gives a check file its types. */
export function defineCheck<P extends ProviderId>(check: Check<P>): Check<P> {
  return check;
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
    return String(value);
  });
}

/** Builds the result helpers of a context for one check on one target. */
export function resultFactory(meta: CheckMeta, factRefs: () => string[]) {
  const make = (resource: string, status: Status, messageId: string, observed?: Record<string, unknown>): Result => {
    const template = meta.messages[messageId];
    if (template === undefined) throw new Error(`check ${meta.id} has no message with id "${messageId}"`);
    return {
      checkId: meta.id,
      resource,
      status,
      severity: meta.severity,
      messageId,
      message: formatMessage(template, observed),
      ...(observed ? { observed } : {}),
      factRefs: factRefs(),
    };
  };
  const error = (resource: string, cause: unknown, observed?: Record<string, unknown>): Result => ({
    checkId: meta.id,
    resource,
    status: 'error',
    severity: meta.severity,
    message: describeCause(cause),
    ...(cause instanceof FactError ? { observed: { ...observed, reason: cause.toJSON() } } : observed ? { observed } : {}),
    factRefs: factRefs(),
  });
  return {
    pass: (r: string, id: string, o?: Record<string, unknown>) => make(r, 'pass', id, o),
    fail: (r: string, id: string, o?: Record<string, unknown>) => make(r, 'fail', id, o),
    notApplicable: (r: string, id: string, o?: Record<string, unknown>) => make(r, 'not_applicable', id, o),
    error,
    async each<T>(items: readonly T[], resourceOf: (item: T) => string, judge: (item: T) => Promise<Result | Result[]>) {
      // Each item starts from the reads made before the loop: an earlier item's reads are not its own.
      const before = factRefs();
      const settled = await Promise.all(
        items.map(async (item) => {
          try {
            return [await withReads(() => judge(item), before)].flat();
          } catch (err) {
            if (err instanceof FactError) return [error(resourceOf(item), err)];
            throw err;
          }
        }),
      );
      return settled.flat();
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
