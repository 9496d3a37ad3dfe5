import type { PolicyDocument } from '../../providers/aws/types.js';
import managed from './data/aws-managed-policies.json' with { type: 'json' };
import { asList, iamPattern, statementsOf, type Statement } from './statement.js';

/**
 * Administrator access judged by what a policy allows, not by its shape.
 * A document is administrator access when, on every resource, it allows
 * (after its own unconditional Denies):
 *
 * 1. every action (`*`, or a NotAction that leaves every service);
 * 2. every IAM action (`iam:*`): its holder can grant itself anything;
 * 3. one action that writes its holder's own permissions: iam:AttachUserPolicy,
 *    iam:PutUserPolicy, iam:AttachGroupPolicy, iam:PutGroupPolicy,
 *    iam:AddUserToGroup or iam:CreatePolicyVersion;
 * 4. iam:PassRole with iam:CreateRole and iam:AttachRolePolicy or
 *    iam:PutRolePolicy: a new role with any permission, handed to a service
 *    that runs the holder's code;
 * 5. iam:AttachRolePolicy or iam:PutRolePolicy with iam:UpdateAssumeRolePolicy:
 *    any role made an administrator, then assumed.
 *
 * A customer copy of PowerUserAccess (everything but iam:*, organizations:*,
 * account:*) is none of these. `NotAction` and `NotResource` are read by what
 * they exclude; a Resource matches everything when it matches any ARN
 * (`*`, `arn:*`, `arn:aws:*:*:*:*`). Conditions on an Allow are not read:
 * a conditioned administrator grant is still one.
 */

const SELF_GRANT = [
  'iam:AttachUserPolicy',
  'iam:PutUserPolicy',
  'iam:AttachGroupPolicy',
  'iam:PutGroupPolicy',
  'iam:AddUserToGroup',
  'iam:CreatePolicyVersion',
];
const ROLE_WRITE = ['iam:AttachRolePolicy', 'iam:PutRolePolicy'];
/** Actions of IAM standing for the whole service, and of other services (one made up) standing for every action. */
const IAM_ACTIONS = [
  ...SELF_GRANT,
  ...ROLE_WRITE,
  'iam:PassRole',
  'iam:CreateRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreateUser',
  'iam:DeleteUser',
  'iam:GetUser',
  'iam:ListUsers',
];
const EVERY_ACTION = [
  ...IAM_ACTIONS,
  'ec2:RunInstances',
  's3:GetObject',
  'kms:Decrypt',
  'organizations:LeaveOrganization',
  'account:PutAlternateContact',
  'sts:AssumeRole',
  'futureservice:AnyAction',
];
/** ARNs of unlike shapes, per partition: a pattern matching all of one partition's matches every resource of an account there. */
const EVERY_RESOURCE = ['aws', 'aws-cn', 'aws-us-gov'].map((partition) =>
  [
    'iam::111122223333:role/any',
    's3:::any-bucket/any/key',
    'ec2:eu-west-1:111122223333:instance/i-0',
    'sns:eu-west-1:111122223333:any-topic',
  ].map((rest) => `arn:${partition}:${rest}`),
);

const matchesAction = (patterns: string[], action: string) => patterns.some((p) => iamPattern(p, 'i').test(action));

/** Whether the statement's Action / NotAction covers `action`. */
function coversAction(s: Statement, action: string): boolean {
  if (s.NotAction !== undefined) return !matchesAction(asList(s.NotAction), action);
  return matchesAction(asList(s.Action), action);
}

const matchesEverything = (pattern: string) => EVERY_RESOURCE.some((arns) => arns.every((arn) => iamPattern(pattern).test(arn)));

/** Whether the statement's Resource / NotResource covers every resource (a NotResource excluding only some does). */
export function coversAllResources(s: Statement): boolean {
  if (s.NotResource !== undefined) return !asList(s.NotResource).some((p) => EVERY_RESOURCE.flat().some((arn) => iamPattern(p).test(arn)));
  return asList(s.Resource).some(matchesEverything);
}

/** Why a document is administrator access (and the statements that make it so), or null. */
export interface AdminGrant {
  grant: string;
  statements: Statement[];
}

export function adminGrant(doc: PolicyDocument | null | undefined): AdminGrant | null {
  const statements = statementsOf(doc);
  const allows = statements.filter((s) => s.Effect === 'Allow' && coversAllResources(s));
  const denies = statements.filter((s) => s.Effect === 'Deny' && s.Condition === undefined && coversAllResources(s));
  const allowed = (action: string) => allows.some((s) => coversAction(s, action)) && !denies.some((s) => coversAction(s, action));
  const all = (actions: string[]) => actions.every(allowed);
  const by = (actions: string[]) => allows.filter((s) => actions.some((a) => coversAction(s, a)));
  if (all(EVERY_ACTION)) return { grant: 'every action', statements: by(EVERY_ACTION) };
  if (all(IAM_ACTIONS)) return { grant: 'every IAM action', statements: by(IAM_ACTIONS) };
  const selfGrant = SELF_GRANT.filter(allowed);
  if (selfGrant.length) return { grant: `writes its own permissions (${selfGrant.join(', ')})`, statements: by(selfGrant) };
  const roleWrite = ROLE_WRITE.filter(allowed);
  if (roleWrite.length && all(['iam:PassRole', 'iam:CreateRole'])) {
    return {
      grant: `creates and passes a role it empowers (iam:PassRole, iam:CreateRole, ${roleWrite.join(', ')})`,
      statements: by(['iam:PassRole', 'iam:CreateRole', ...roleWrite]),
    };
  }
  if (roleWrite.length && allowed('iam:UpdateAssumeRolePolicy')) {
    return {
      grant: `empowers and assumes any role (${roleWrite.join(', ')}, iam:UpdateAssumeRolePolicy)`,
      statements: by([...roleWrite, 'iam:UpdateAssumeRolePolicy']),
    };
  }
  return null;
}

interface ShippedPolicy {
  name: string;
  arn: string;
  versionId: string;
  document: PolicyDocument;
}

const SHIPPED: ShippedPolicy[] = managed.policies;

/** The shipped document of an AWS-managed policy, in any partition (`arn:aws-cn:iam::aws:policy/…`), or undefined. */
export function awsManagedPolicy(arn: string): ShippedPolicy | undefined {
  const m = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? SHIPPED.find((p) => p.name === m[1]) : undefined;
}
