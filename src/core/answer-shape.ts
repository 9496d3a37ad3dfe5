import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { FactError } from './facts.js';

/**
 * The documented shape of an API answer, checked before the answer becomes a
 * fact: the field that carries the data must be there with its type, so that
 * an empty, truncated or foreign body is `malformed`, never an empty list or
 * an absent setting. One JSON Schema per operation, beside its fetcher,
 * compiled once; the builders below make one a line.
 */
export type Schema = Record<string, unknown>;

export const str: Schema = { type: 'string' };
export const bool: Schema = { type: 'boolean' };
export const num: Schema = { type: 'number' };
export const int: Schema = { type: 'integer' };
/** Present, whatever its type (an SDK Date, a blob). */
export const present: Schema = {};

/** An object with these fields required (and these others typed when present). */
export function obj(required: Record<string, Schema>, optional: Record<string, Schema> = {}): Schema {
  return { type: 'object', required: Object.keys(required), properties: { ...optional, ...required } };
}

export function list(items: Schema = present): Schema {
  return { type: 'array', items };
}

export function nullable(schema: Schema): Schema {
  return { anyOf: [schema, { type: 'null' }] };
}

/** `schema` (an object), which must also hold at least one of `fields`: an answer that carries its data in one of several forms. */
export function oneOfFields(schema: Schema, fields: string[]): Schema {
  return { ...schema, anyOf: fields.map((f) => ({ required: [f] })) };
}

// One instance for every answer shape; answers are validated, never changed (no defaults, no coercion).
const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true });
const compiled = new WeakMap<Schema, ValidateFunction>();

/** Every branch of an `anyOf` missed a field: `no A or B` (ajv lists the branches' errors before the anyOf's own). */
function noneOf(errors: ErrorObject[]): string | undefined {
  const any = errors.find((e) => e.keyword === 'anyOf');
  if (!any) return undefined;
  const missing = errors
    .filter((e) => e.keyword === 'required' && e.instancePath === any.instancePath)
    .map((e) => (e.params as { missingProperty: string }).missingProperty);
  if (missing.length < 2) return undefined;
  const path = any.instancePath ? `${any.instancePath.slice(1).replaceAll('/', '.')}.` : '';
  return `no ${missing.map((m) => `${path}${m}`).join(' or ')}`;
}

function where(e: ErrorObject): string {
  const path = e.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : '';
  if (e.keyword === 'required') {
    const missing = (e.params as { missingProperty: string }).missingProperty;
    return `no ${path ? `${path}.` : ''}${missing}`;
  }
  return `${path || 'the answer'} ${e.message ?? 'does not match'}`;
}

/** What a value that is not JSON-like shows of itself in a message: its type, never its text. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return value.length === 0 ? 'an empty body' : `text of ${value.length} characters (not JSON)`;
  return Array.isArray(value) ? 'a list' : typeof value;
}

/**
 * Checks `value` against the operation's schema and returns it typed, or
 * throws a `malformed` FactError naming the operation and what was missing.
 */
export function expectShape<T>(operation: string, schema: Schema, value: unknown): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return value as T;
  const first = validate.errors?.[0];
  const what =
    !first || (first.instancePath === '' && first.keyword === 'type')
      ? `the answer was ${kindOf(value)}`
      : (noneOf(validate.errors ?? []) ?? where(first));
  throw new FactError({ kind: 'malformed', message: `${operation}: malformed answer: ${what}`, code: 'MalformedAnswer' });
}
