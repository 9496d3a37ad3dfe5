/**
 * The bulk repository query: one GraphQL request answers, for a batch of
 * repositories, everything the repository checks need except webhooks and
 * `security_and_analysis` (REST). Its cost is GitHub's node-based count:
 * every connection nested under a repository is one request per repository,
 * and connections under `rulesets` one per ruleset, so `rulesets(first:)` is
 * kept small and overflow is fetched by a follow-up for that repository only.
 * Per repository: branchProtectionRules 1 + rulesets 1 + (rules + bypassActors)
 * × RULESETS_PER_PAGE + deployKeys 1 + collaborators 1 + the two bypass
 * allowance lists of the classic rule on the default branch 2 = 10 requests,
 * i.e. 0.10 points: a batch of 100 costs 10 points. The allowances are asked
 * through `defaultBranchRef.branchProtectionRule` (one rule, not a connection)
 * rather than under `branchProtectionRules(first: 100)`, where they would cost
 * 100 requests each. `rules` and `bypassActors` are leaves, so their page size
 * costs nothing; a ruleset with more of either is completed by a follow-up.
 * Batches of 100 rather than 50 cost the same per repository and halve the
 * queries, which clients pace a second apart. Files (CODEOWNERS, SECURITY.md,
 * the workflow folder's entries with their text) are `object(expression:)`
 * lookups and lists, not connections: they add nothing to the cost.
 */

export const BATCH_SIZE = 100;
export const RULESETS_PER_PAGE = 2;
export const CODEOWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;
/** Where GitHub looks for a security policy, in its order of precedence. */
export const SECURITY_POLICY_PATHS = ['.github/SECURITY.md', 'SECURITY.md', 'docs/SECURITY.md'] as const;
export const WORKFLOWS_DIR = '.github/workflows';

/**
 * A tree's `entries` is a list, not a connection: the workflow files and
 * their text come at no cost. GitHub runs only the files directly in the
 * folder, so subfolders are not read.
 */
const WORKFLOW_TREE = `workflows: object(expression: "HEAD:${WORKFLOWS_DIR}") { __typename ... on Tree { entries { name type
    object { __typename ... on Blob { text isBinary isTruncated } } } } }`;
const policyObjects = () =>
  SECURITY_POLICY_PATHS.map((p, i) => `security${i}: object(expression: "HEAD:${p}") { __typename }`).join('\n  ');

const ACTOR = '__typename ... on App { slug } ... on Team { slug } ... on User { login }';
const ALLOWANCES = `pageInfo { hasNextPage } nodes { actor { ${ACTOR} } }`;

const RULE_NODES = `nodes { type parameters { __typename
    ... on PullRequestParameters { requiredApprovingReviewCount dismissStaleReviewsOnPush requireCodeOwnerReview requireLastPushApproval }
    ... on RequiredStatusChecksParameters { requiredStatusChecks { context } strictRequiredStatusChecksPolicy } } }`;
const BYPASS_NODES = `nodes { bypassMode organizationAdmin enterpriseOwner deployKey repositoryRoleName repositoryRoleDatabaseId
    actor { __typename ... on App { slug } ... on Team { slug } } }`;

const RULESET_FIELDS = `
  id name enforcement target
  source { __typename }
  conditions { refName { include exclude } }
  rules(first: 100) { pageInfo { hasNextPage endCursor } ${RULE_NODES} }
  bypassActors(first: 100) { pageInfo { hasNextPage endCursor } ${BYPASS_NODES} }`;

const REPO_FIELDS = `
  name viewerPermission hasVulnerabilityAlertsEnabled
  defaultBranchRef { name branchProtectionRule { pattern
    bypassPullRequestAllowances(first: 100) { ${ALLOWANCES} }
    bypassForcePushAllowances(first: 100) { ${ALLOWANCES} } } }
  branchProtectionRules(first: 100) { pageInfo { hasNextPage } nodes {
    pattern isAdminEnforced requiresApprovingReviews requiredApprovingReviewCount dismissesStaleReviews requiresCodeOwnerReviews
    allowsForcePushes allowsDeletions requiresStatusChecks requiredStatusCheckContexts } }
  rulesets(first: ${RULESETS_PER_PAGE}, includeParents: true) { pageInfo { hasNextPage endCursor } nodes { ...ruleset } }
  ${CODEOWNERS_PATHS.map((p, i) => `codeowners${i}: object(expression: "HEAD:${p}") { __typename }`).join('\n  ')}
  ${WORKFLOW_TREE}
  ${policyObjects()}
  deployKeys(first: 100) { pageInfo { hasNextPage } nodes { title readOnly } }
  collaborators(affiliation: OUTSIDE, first: 100) { pageInfo { hasNextPage } edges { permission node { login } } }`;

/** Aliases `r0…rN` with names as variables, so no repository name is ever spliced into the query text. */
export function batchQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$n${i}: String!`).join(', ');
  const repos = Array.from({ length: count }, (_, i) => `  r${i}: repository(owner: $owner, name: $n${i}) { ...repo }`).join('\n');
  return `query RepoDetails($owner: String!, ${vars}) {
  rateLimit { cost remaining }
${repos}
}
fragment repo on Repository {${REPO_FIELDS}
}
fragment ruleset on RepositoryRuleset {${RULESET_FIELDS}
}`;
}

export function batchVariables(owner: string, names: string[]): Record<string, string> {
  return { owner, ...Object.fromEntries(names.map((n, i) => [`n${i}`, n])) };
}

/** The organisation's `.github` repository: its visibility and security policy (GitHub uses it only when it is public). */
export const ORG_POLICY_QUERY = `query OrgSecurityPolicy($owner: String!) {
  rateLimit { cost remaining }
  repository(owner: $owner, name: ".github") { visibility
  ${policyObjects()} }
}`;

/** The rest of one repository's rulesets, when the batch saw `hasNextPage`. */
export const MORE_RULESETS_QUERY = `query MoreRulesets($owner: String!, $name: String!, $after: String) {
  rateLimit { cost remaining }
  repository(owner: $owner, name: $name) {
    rulesets(first: 25, after: $after, includeParents: true) { pageInfo { hasNextPage endCursor } nodes { ...ruleset } }
  }
}
fragment ruleset on RepositoryRuleset {${RULESET_FIELDS}
}`;

/** The rest of one ruleset's rules or bypass actors, when its first page said `hasNextPage`. */
export function moreOfRulesetQuery(field: 'rules' | 'bypassActors'): string {
  return `query MoreRuleset${field === 'rules' ? 'Rules' : 'BypassActors'}($id: ID!, $after: String) {
  rateLimit { cost remaining }
  node(id: $id) { ... on RepositoryRuleset {
    ${field}(first: 100, after: $after) { pageInfo { hasNextPage endCursor } ${field === 'rules' ? RULE_NODES : BYPASS_NODES} }
  } }
}`;
}
