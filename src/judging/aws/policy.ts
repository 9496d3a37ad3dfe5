import type { PolicyDocument } from '../../providers/aws/types.js';

/**
 * Reading IAM policy documents the way IAM does: `Statement` as an object or
 * a list, `Action`/`Resource`/`Principal` as a string or a list, `NotAction`
 * and `NotResource` as the complement of what they name, and documents that
 * IAM hands back URL-encoded.
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

/** Condition keys that tie a statement to an account, organisation, network path or source (lower case). */
const RESTRICTING_KEYS = new Set(
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
    'aws:ResourceAccount',
    'aws:userid',
    'kms:CallerAccount',
  ].map((k) => k.toLowerCase()),
);

/** A condition that narrows who can use the grant; negated operators (`StringNotEquals`) do not count. */
export function hasRestrictingCondition(s: Statement): boolean {
  return Object.entries(s.Condition ?? {}).some(
    ([operator, clauses]) =>
      !/Not/.test(operator) &&
      clauses !== null &&
      typeof clauses === 'object' &&
      Object.keys(clauses).some((key) => RESTRICTING_KEYS.has(key.toLowerCase())),
  );
}

/** Statements that allow anyone (`Principal: "*"`) with no restricting condition. */
export function publicAllowStatements(doc: PolicyDocument | null | undefined): Statement[] {
  return statementsOf(doc).filter((s) => isAllow(s) && isPublicPrincipal(s.Principal) && !hasRestrictingCondition(s));
}

const coversS3 = (a: string) => isWildcardAction(a) || a.toLowerCase() === 's3:*';

/** An IAM resource pattern (`*` and `?` wildcards) as a whole-string matcher. */
const resourceMatcher = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);

/** Whether the statement's Resource covers the bucket and every object in it (a prefix-only Deny does not). */
function coversBucket(s: Statement, bucketArn: string): boolean {
  const patterns = asList(s.Resource).map(resourceMatcher);
  return [bucketArn, `${bucketArn}/any/object`].every((arn) => patterns.some((p) => p.test(arn)));
}

/** A Deny for everyone of every S3 action on the bucket and all its objects whenever `aws:SecureTransport` is false. */
export function deniesInsecureTransport(doc: PolicyDocument | null | undefined, bucketArn: string): boolean {
  return statementsOf(doc).some((s) => {
    if (s.Effect !== 'Deny' || !isPublicPrincipal(s.Principal)) return false;
    if (!asList(s.Action).some(coversS3) || !coversBucket(s, bucketArn)) return false;
    return Object.entries(s.Condition ?? {}).some(
      ([operator, clauses]) =>
        /^Bool(IfExists)?$/.test(operator) &&
        Object.entries(clauses ?? {}).some(
          ([key, v]) => key.toLowerCase() === 'aws:securetransport' && asList(v as unknown).some((x) => String(x) === 'false'),
        ),
    );
  });
}
