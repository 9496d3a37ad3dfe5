import { bool, int, list, nullable, obj, present, str, type Schema } from '../../core/answer-shape.js';
import { CODEOWNERS_PATHS, SECURITY_POLICY_PATHS } from './graphql-query.js';

/** A file looked up by `object(expression:)`: null when the path holds nothing, else an object with its type. */
const fileObject = nullable(obj({ __typename: str }));
const lookups = (prefix: string, paths: readonly string[]) => Object.fromEntries(paths.map((_, i) => [`${prefix}${i}`, fileObject]));
/**
 * The workflow folder: null when absent; a Tree always lists its entries (git has no tree without
 * them), each with its name, type and object, so a Tree without them hides workflow files.
 */
const workflowTree = nullable({
  ...obj({ __typename: str }),
  if: { properties: { __typename: { const: 'Tree' } } },
  then: obj({ entries: list(obj({ name: str, type: str, object: nullable(obj({ __typename: str })) })) }),
});

/**
 * The documented shape of each GitHub answer annexa reads, by Octokit route
 * (REST: the `required` fields of @octokit/openapi-types; GraphQL: the
 * response's `data`/`errors` envelope). A list route's schema is its page:
 * an array, so that an empty or truncated body (which Octokit hands back as
 * a string) is malformed once, never thousands of phantom items.
 */
export const ANSWERS: Readonly<Record<string, Schema>> = {
  'GET /user': obj({ login: str }),
  'GET /orgs/{org}': obj({ login: str, public_repos: int }, { total_private_repos: int, two_factor_requirement_enabled: nullable(bool) }),
  'GET /orgs/{org}/members': list(obj({ login: str })),
  'GET /orgs/{org}/outside_collaborators': list(obj({ login: str })),
  // The schema marks all three optional, but GitHub sends them all; judging `*` needs the list, so it is required.
  'GET /orgs/{org}/actions/permissions/selected-actions': obj({
    github_owned_allowed: bool,
    verified_allowed: bool,
    patterns_allowed: list(str),
  }),
  'GET /orgs/{org}/actions/permissions': obj({ enabled_repositories: str }),
  'GET /orgs/{org}/actions/permissions/workflow': obj({ default_workflow_permissions: str, can_approve_pull_request_reviews: bool }),
  'GET /orgs/{org}/hooks': list(obj({ id: int, active: bool, config: obj({}) })),
  'GET /repos/{owner}/{repo}/hooks': list(obj({ id: int, active: bool, config: obj({}) })),
  'GET /orgs/{org}/repos': list(
    obj({ name: str, full_name: str, private: bool, fork: bool }, { archived: bool, visibility: str, default_branch: str }),
  ),
  // Alert lists: what the verdict reads (number, created_at, repository.name, the severity where the kind has one) is required.
  'GET /orgs/{org}/dependabot/alerts': list(
    obj({ number: int, state: str, created_at: str, repository: obj({ name: str }), security_advisory: obj({ severity: str }) }),
  ),
  'GET /orgs/{org}/code-scanning/alerts': list(
    obj({
      number: int,
      state: str,
      created_at: str,
      repository: obj({ name: str }),
      rule: obj({}, { security_severity_level: nullable(str) }),
    }),
  ),
  'GET /orgs/{org}/secret-scanning/alerts': list(obj({ number: int, created_at: str, repository: obj({ name: str }) }, { state: str })),
  // The schema marks `state` optional; an answer without it says nothing about whether code is scanned.
  'GET /repos/{owner}/{repo}/code-scanning/default-setup': obj({ state: str }),
  'GET /repos/{owner}/{repo}/code-scanning/analyses': list(obj({ ref: str, created_at: str }, { tool: obj({}, { name: nullable(str) }) })),
  // A GraphQL answer: data (null when the query failed as a whole) and errors, each with a message.
  graphql: {
    ...obj({}, { data: nullable(obj({})), errors: list(obj({ message: str }, { type: str, path: list() })) }),
    anyOf: [{ required: ['data'] }, { required: ['errors'] }],
  },
  // One repository of the RepoDetails batch. GraphQL answers every field a query asks for (null where it has
  // nothing or a field error says why), so a field that is absent is malformed: a missing file lookup or
  // workflow folder would read as "no SECURITY.md", "no CODEOWNERS" or "no workflows".
  'graphql repository': obj({
    name: str,
    viewerPermission: nullable(str),
    hasVulnerabilityAlertsEnabled: nullable(bool),
    defaultBranchRef: present,
    branchProtectionRules: nullable(obj({ nodes: list() })),
    rulesets: nullable(obj({ nodes: list() })),
    deployKeys: nullable(obj({ nodes: list() })),
    collaborators: nullable(obj({ edges: list() })),
    workflows: workflowTree,
    ...lookups('codeowners', CODEOWNERS_PATHS),
    ...lookups('security', SECURITY_POLICY_PATHS),
  }),
  // The data of OrgSecurityPolicy: the organisation's `.github` repository, null when there is none.
  'graphql OrgSecurityPolicy': obj({ repository: nullable(obj({ visibility: str, ...lookups('security', SECURITY_POLICY_PATHS) })) }),
};

export function answerSchema(route: string): Schema {
  const schema = ANSWERS[route];
  if (!schema) throw new Error(`no answer shape known for ${route}: add it to ANSWERS`);
  return schema;
}
