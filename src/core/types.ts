/**
 * The vocabulary of annexa (see docs/architecture.md): checks judge facts that
 * providers collect, and produce one result per resource.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['pass', 'fail', 'error', 'not_applicable'] as const;
export type Status = (typeof STATUSES)[number];

/** Provider ids are open: plugins may bring their own. */
export type ProviderId = 'aws' | 'github' | 'tls' | (string & {});

/** The value type of each setting type a check may declare. */
export interface SettingTypes {
  number: number;
  integer: number;
  string: string;
  boolean: boolean;
  'string[]': string[];
  'integer[]': number[];
}
export type SettingType = keyof SettingTypes;

/**
 * A setting a check reads (a threshold), declared in its metadata with a
 * default. `nullable` settings accept `null`, which a check reads as "no limit".
 */
export interface SettingSpec<T extends SettingType = SettingType> {
  type: T;
  default: SettingTypes[T] | null;
  nullable?: boolean;
  description: string;
}

export interface CheckMeta<MessageIds extends string = string, Settings extends Record<string, SettingSpec> = Record<string, SettingSpec>> {
  /** Dotted, stable, provider first: `aws.iam.root-mfa`, `tls.hsts`. */
  id: string;
  title: string;
  provider: ProviderId;
  severity: Severity;
  description: string;
  remediation: string;
  /** Message templates by id; `{name}` is replaced with `observed.name`. */
  messages: Record<MessageIds, string>;
  settings?: Settings;
}

/** The exception (risk acceptance) covering a result: see src/policy/exceptions.ts. */
export interface Waiver {
  check?: string;
  resources?: string[];
  reason: string;
  approvedBy?: string;
  /** Last day the exception applies, YYYY-MM-DD (UTC). */
  expires: string;
  ticket?: string;
}

export interface Result {
  checkId: string;
  /** Stable resource id: an ARN, `github:org/repo`, `tls:host:port`. */
  resource: string;
  status: Status;
  severity: Severity;
  messageId?: string;
  message: string;
  /** The values the verdict rests on. Never a secret. */
  observed?: Record<string, unknown>;
  /** Keys of the facts this verdict read. */
  factRefs: string[];
  /** Annex A control ids, filled from mappings/ after the check ran. */
  controls?: string[];
  waiver?: Waiver;
}

/** One API call made to collect a fact. */
export interface CallRecord {
  operation: string;
  target: string;
  startedAt: string;
  durationMs: number;
  status?: number;
  requestId?: string;
  error?: string;
  /** Rate-limit budget spent, when the API reports it (GitHub GraphQL points, 304s). */
  cost?: number;
}

export type FactErrorKind =
  | 'denied'
  | 'not_found'
  | 'throttled'
  | 'timeout'
  | 'unreachable'
  /** The connection was reset (or closed) mid-answer: reached, but not answered. */
  | 'reset'
  | 'malformed'
  | 'missing'
  | 'other';

export interface FactErrorData {
  kind: FactErrorKind;
  message: string;
  /** The permission that was missing, e.g. `s3:GetEncryptionConfiguration` or `admin:org`. */
  permission?: string;
  status?: number;
  code?: string;
}

/** A fact as stored in snapshot.json. */
export interface FactRecord {
  /** `<target id>/<fact key>`, unique in a run. */
  ref: string;
  target: string;
  key: string;
  collectedAt: string;
  ok: boolean;
  value?: unknown;
  error?: FactErrorData;
  /** Facts the fetcher read to collect this one (a bucket's region): a reader of this fact rests on them too. */
  dependsOn?: string[];
  calls: CallRecord[];
}

/**
 * Something a provider scans: one AWS account, one GitHub organisation, one
 * TLS endpoint. `options` is provider-specific and never holds a secret.
 */
export interface Target<O = unknown> {
  provider: ProviderId;
  /** Unique in a run, used to namespace facts: `aws:123456789012`, `github:acme`, `tls:example.com:443`. */
  id: string;
  /** The resource id used for results that concern the target as a whole. */
  resource: string;
  options: O;
}

export interface CollectorIdentity {
  provider: ProviderId;
  target: string;
  /** AWS caller ARN, GitHub login, or the local host for TLS. */
  principal: string;
  details?: Record<string, unknown>;
}
