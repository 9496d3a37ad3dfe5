import type { PolicyDocument } from '../../providers/aws/types.js';
import { deniesWhenOnly, restrictsCaller, type ConditionPair } from './conditions.js';
import { asList, statementsOf, type Statement } from './statement.js';

export type { Statement } from './statement.js';

/** Judging IAM policy documents: administrator access, public grants, transport rules. */

const isAllow = (s: Statement) => s.Effect === 'Allow';
const isWildcardAction = (a: string) => a === '*' || a === '*:*';

/** The statement's actions cover every action of every service. */
function coversAllActions(s: Statement): boolean {
  // NotAction with Allow grants everything except what it names, including services yet to come.
  if (s.NotAction !== undefined) return true;
  return asList(s.Action).some(isWildcardAction);
}

function coversAllResources(s: Statement): boolean {
  if (s.NotResource !== undefined) return true;
  return asList(s.Resource).includes('*');
}

/** Statements that allow `*` actions on `*` resources (full administrative access). */
export function adminStatements(doc: PolicyDocument | null | undefined): Statement[] {
  return statementsOf(doc).filter((s) => isAllow(s) && coversAllActions(s) && coversAllResources(s));
}

export function allowsAdmin(doc: PolicyDocument | null | undefined): boolean {
  return adminStatements(doc).length > 0;
}

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

/** An IAM resource pattern (`*` and `?` wildcards) as a whole-string matcher. */
const resourceMatcher = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

/** Whether the statement's Resource covers the bucket and every object in it (a prefix-only Deny does not). */
function coversBucket(s: Statement, bucketArn: string): boolean {
  const patterns = asList(s.Resource).map(resourceMatcher);
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
const isInsecureTransport = (p: ConditionPair) => /^Bool(IfExists)?$/.test(p.operator) && p.key.toLowerCase() === 'aws:securetransport' && p.values.includes('false');
