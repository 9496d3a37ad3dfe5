import type { PolicyDocument } from '../../providers/aws/types.js';
import { deniesWhenOnly, restrictsCaller, type ConditionPair } from './conditions.js';
import { asList, iamPattern, statementsOf, type Statement } from './statement.js';

export type { Statement } from './statement.js';

/** Judging resource policies: grants to anyone, transport rules. */

const isAllow = (s: Statement) => s.Effect === 'Allow';
const isWildcardAction = (a: string) => a === '*' || a === '*:*';

/** `"*"`, `{ "AWS": "*" }` or a list holding `"*"`: anyone. */
export function isPublicPrincipal(principal: Statement['Principal']): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return asList(principal.AWS).includes('*');
}

/** An Allow open to anyone: `Principal` anyone, or `NotPrincipal` (everyone but those it names). */
const allowsAnyone = (s: Statement) => isAllow(s) && (s.NotPrincipal !== undefined || isPublicPrincipal(s.Principal));

/** Statements that allow anyone (`Principal: "*"`, or any `NotPrincipal`) with no condition that narrows the caller. */
export function publicAllowStatements(doc: PolicyDocument | null | undefined): Statement[] {
  return statementsOf(doc).filter((s) => allowsAnyone(s) && !restrictsCaller(s));
}

const coversS3 = (a: string) => isWildcardAction(a) || a.toLowerCase() === 's3:*';

/** Whether the statement's Resource covers the bucket and every object in it (a prefix-only Deny does not). */
function coversBucket(s: Statement, bucketArn: string): boolean {
  const patterns = asList(s.Resource).map((p) => iamPattern(p));
  return [bucketArn, `${bucketArn}/any/object`].every((arn) => patterns.some((p) => p.test(arn)));
}

/**
 * A Deny for everyone of every S3 action on the bucket and all its objects
 * whenever `aws:SecureTransport` is false, and only that: another condition
 * in the same block is ANDed and narrows the Deny (`aws:PrincipalAccount = X`
 * denies plain HTTP to one account only).
 */
export function deniesInsecureTransport(doc: PolicyDocument | null | undefined, bucketArn: string): boolean {
  return statementsOf(doc).some((s) => {
    if (s.Effect !== 'Deny' || !isPublicPrincipal(s.Principal)) return false;
    if (!asList(s.Action).some(coversS3) || !coversBucket(s, bucketArn)) return false;
    return deniesWhenOnly(s, isInsecureTransport);
  });
}

/** `Bool` (or `BoolIfExists`, also true when the key is absent) `aws:SecureTransport` `false`. */
const isInsecureTransport = (p: ConditionPair) =>
  /^Bool(IfExists)?$/.test(p.operator) && p.key.toLowerCase() === 'aws:securetransport' && p.values.includes('false');
