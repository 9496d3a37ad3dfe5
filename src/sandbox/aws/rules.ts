import { dropFields } from '../drop-fields.js';
import { faultInjector, type FaultKind } from '../faults.js';
import { seeded } from '../random.js';
import { AwsError, Throttled } from './errors.js';
import type { DenyRule, FaultsSpec } from './scenario.js';

/** `*` matches any run of characters, `?` one; case-insensitive like IAM action names. */
export function globMatch(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(value);
}

/** Whether one of the rules denies `action` on `resource`. */
export function isDenied(rules: DenyRule[] | undefined, action: string, resource: string): boolean {
  return (rules ?? []).some((r) => {
    const rule = typeof r === 'string' ? { action: r } : r;
    return globMatch(rule.action, action) && (rule.resource === undefined || globMatch(rule.resource, resource));
  });
}

export interface Faults {
  /** Milliseconds to wait before answering. */
  latency(): number;
  /** Whether this call (`iam:ListUsers`, `s3:GetBucketEncryption`) is answered with a throttling error. */
  throttled(operation: string): boolean;
  /** The body to send for a successful answer of `operation`: as is, without some fields, empty or cut in half. */
  spoil(operation: string, body: string): string;
  /** The fault `faults.inject` draws for this call (`s3:GetBucketEncryption`), if any. */
  inject(operation: string): FaultKind | undefined;
}

/** The error an injected `throttle`, `internal` or `unavailable` fault answers with, as `service` names it. */
export function injectedError(kind: FaultKind, service: string): AwsError | Throttled | undefined {
  if (kind === 'throttle') return new Throttled();
  if (kind === 'internal') {
    const code = service === 's3' ? 'InternalError' : service === 'kms' ? 'KMSInternalException' : 'InternalFailure';
    return new AwsError(code, 'We encountered an internal error. Please try again.', 500);
  }
  if (kind === 'unavailable') return new AwsError('ServiceUnavailable', 'Service is unable to handle request.', 503);
  return undefined;
}

export function faultsOf(spec: FaultsSpec | undefined): Faults {
  const random = seeded(spec?.throttle?.seed ?? 1);
  const latencyRandom = seeded(7);
  const inject = faultInjector(spec?.inject, globMatch);
  return {
    latency() {
      const l = spec?.latencyMs;
      if (l === undefined) return 0;
      if (typeof l === 'number') return l;
      return l.min + Math.floor(latencyRandom() * (l.max - l.min + 1));
    },
    throttled(operation) {
      const t = spec?.throttle;
      if (!t || t.percent <= 0) return false;
      if (t.actions && !t.actions.some((a) => globMatch(a, operation))) return false;
      return random() * 100 < t.percent;
    },
    spoil(operation, body) {
      const fault = spec?.answers?.find((a) => a.actions.some((glob) => globMatch(glob, operation)));
      if (!fault) return body;
      const kept = dropFields(body, fault.drop ?? []);
      if (fault.body === 'empty') return '';
      return fault.body === 'truncated' ? kept.slice(0, Math.floor(kept.length / 2)) : kept;
    },
    inject,
  };
}
