import type { PolicyDocument } from '../../providers/aws/types.js';

/**
 * The grammar of an IAM policy statement as IAM reads it: `Statement` as an
 * object or a list; `Action`, `Resource`, `Principal` and condition values as
 * a string or a list.
 */

export interface Statement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: string | Record<string, string | string[]>;
  NotPrincipal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export function asList<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function statementsOf(doc: PolicyDocument | null | undefined): Statement[] {
  if (!doc) return [];
  return asList(doc.Statement as Statement | Statement[] | undefined).filter((s) => s && typeof s === 'object');
}

/** An IAM pattern (`*` any run, `?` one character) as a whole-string matcher; actions match case-insensitively (`'i'`). */
export const iamPattern = (pattern: string, flags = '') =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  );
