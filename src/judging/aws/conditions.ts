import type { Statement } from './statement.js';

/**
 * The one reading of a statement's `Condition` block that every resource
 * policy annexa judges (KMS key policies, S3 bucket policies) shares, after
 * IAM's "Condition operators" reference:
 *
 * - the operators of a block, and the keys under one operator, are ANDed:
 *   one pair that can be false is enough to narrow the statement;
 * - a key absent from the request makes a plain operator false, a negated one
 *   (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`…) true, an `…IfExists`
 *   one true, and a `ForAllValues:` one true (a set with no member);
 * - `Null` tests only whether a key is present, not who calls.
 */

export interface ConditionPair {
  operator: string;
  key: string;
  values: string[];
}

/** Every operator/key pair of a statement's condition block, keys as written. */
export function conditionPairs(s: Statement): ConditionPair[] {
  return Object.entries(s.Condition ?? {}).flatMap(([operator, clauses]) =>
    clauses !== null && typeof clauses === 'object'
      ? Object.entries(clauses).map(([key, v]) => ({ operator, key, values: (Array.isArray(v) ? v : [v]).map((x) => String(x)) }))
      : [{ operator, key: '', values: [] }],
  );
}

/** Condition keys that identify the caller or where the call comes from (lower case). */
const CALLER_KEYS = new Set(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalArn',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:userid',
    'kms:CallerAccount',
  ].map((k) => k.toLowerCase()),
);

/** Operators that match a caller key against a value; their negations and Null never narrow. */
const MATCHING = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;

/**
 * A pair that narrows who can use an Allow: a plain (not `…IfExists`, not
 * negated, not `ForAllValues:`) string or ARN match of a caller key against
 * values none of which is or holds a wildcard (`"*"`, `"o-*"`, `"?"`). A
 * wildcard under `StringEquals` is literal to IAM, yet it names no one in
 * particular, so it is read the safe way: as not narrowing.
 */
export function narrowsCaller(p: ConditionPair): boolean {
  return (
    MATCHING.test(p.operator) &&
    CALLER_KEYS.has(p.key.toLowerCase()) &&
    p.values.length > 0 &&
    p.values.every((v) => v !== '' && !/[*?]/.test(v))
  );
}

/** An Allow is held to some callers when any pair narrows it (the pairs are ANDed). */
export function restrictsCaller(s: Statement): boolean {
  return conditionPairs(s).some(narrowsCaller);
}

/**
 * A Deny applies whenever `applies` holds for its condition block as a whole:
 * each pair must be one that `applies` accepts (a further pair, being ANDed,
 * narrows the Deny to fewer requests), and at least one pair must be there.
 */
export function deniesWhenOnly(s: Statement, applies: (p: ConditionPair) => boolean): boolean {
  const pairs = conditionPairs(s);
  return pairs.length > 0 && pairs.every(applies);
}
