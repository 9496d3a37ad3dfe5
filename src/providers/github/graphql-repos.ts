import type { CallRecorder } from '../../core/facts.js';
import { FactError } from '../../core/facts.js';
import { expectShape } from '../../core/answer-shape.js';
import { answerSchema } from './answers.js';
import type { GithubClient } from './client.js';
import {
  CODEOWNERS_PATHS,
  MORE_RULESETS_QUERY,
  ORG_POLICY_QUERY,
  SECURITY_POLICY_PATHS,
  WORKFLOWS_DIR,
  batchQuery,
  batchVariables,
  moreOfRulesetQuery,
} from './graphql-query.js';
import type { BypassActor, ClassicRule, OrgSecurityPolicy, RepoDetails, RepoPermission, Ruleset, WorkflowFile } from './types.js';
import { textOf } from '../../core/text.js';

interface GqlError {
  type?: string;
  message: string;
  path?: (string | number)[];
}
interface GqlAnswer {
  data?: Record<string, unknown> | null;
  errors?: GqlError[];
}
interface Page<T> {
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null };
  nodes?: (T | null)[] | null;
  edges?: (T | null)[] | null;
}
type Raw = Record<string, unknown>;

/** One GraphQL query as one recorded call; the call's cost is GitHub's `rateLimit.cost`. */
async function query(
  rec: CallRecorder,
  client: GithubClient,
  url: string,
  operation: string,
  target: string,
  text: string,
  variables: Raw,
): Promise<GqlAnswer> {
  const response = await rec.call({ operation: `graphql ${operation}`, target, pool: 'github.graphql' }, (signal) =>
    client.request({ method: 'POST', url, query: text, variables, request: { signal } }),
  );
  const answer = expectShape<GqlAnswer>(`graphql ${operation}`, answerSchema('graphql'), response.data);
  // An error without a path is about the query as a whole: no part of the data can be trusted to be complete.
  const first = answer.errors?.find((e) => !e.path?.length) ?? (answer.data ? undefined : answer.errors?.[0]);
  if (first || !answer.data) {
    const kind =
      first?.type === 'FORBIDDEN' ? 'denied' : first?.type === 'RATE_LIMITED' ? 'throttled' : answer.data ? 'other' : 'malformed';
    throw new FactError({ kind, message: `GraphQL ${operation}: ${first?.message ?? 'no data in the answer'}`, code: first?.type });
  }
  return answer;
}

/** Fetches one batch of repositories: `{ name → details }`, with per-field errors kept beside the data. */
export async function fetchRepoBatch(
  rec: CallRecorder,
  client: GithubClient,
  url: string,
  org: string,
  names: string[],
): Promise<Record<string, RepoDetails | { error: string }>> {
  const answer = await query(rec, client, url, 'RepoDetails', `github:${org}`, batchQuery(names.length), batchVariables(org, names));
  const out: Record<string, RepoDetails | { error: string }> = {};
  for (const [i, name] of names.entries()) {
    const raw = answer.data?.[`r${i}`] as Raw | null | undefined;
    const errors = (answer.errors ?? []).filter((e) => e.path?.[0] === `r${i}`);
    if (!raw) {
      out[name] = { error: errors.map(describe).join('; ') || 'repository not returned' };
      continue;
    }
    const details = parseRepo(expectShape<Raw>('graphql RepoDetails', answerSchema('graphql repository'), raw), errors);
    const more = raw.rulesets as Page<Raw> | null;
    const follow: Follow = (text, variables) =>
      query(rec, client, url, text.match(/query (\w+)/)?.[1] ?? 'More', `github:${org}/${name}`, text, variables);
    if (details.rulesets) {
      const rawRulesets = nodes(more);
      if (more?.pageInfo?.hasNextPage) rawRulesets.push(...(await moreRulesets(follow, org, name, more.pageInfo.endCursor ?? null)));
      details.rulesets = await Promise.all(rawRulesets.map((r) => completeRuleset(follow, r)));
    }
    out[name] = details;
  }
  return out;
}

/**
 * The organisation's `.github` repository and its SECURITY.md. GitHub
 * answers NOT_FOUND (with a path) when there is none or the token cannot
 * see it; either way no default policy is visible to judge.
 */
export async function fetchOrgSecurityPolicy(
  rec: CallRecorder,
  client: GithubClient,
  url: string,
  org: string,
): Promise<OrgSecurityPolicy> {
  const answer = await query(rec, client, url, 'OrgSecurityPolicy', `github:${org}/.github`, ORG_POLICY_QUERY, { owner: org });
  const repo = answer.data?.repository as Raw | null | undefined;
  const other = (answer.errors ?? []).find((e) => e.type !== 'NOT_FOUND');
  if (other)
    throw new FactError({
      kind: other.type === 'FORBIDDEN' ? 'denied' : 'other',
      message: `GraphQL OrgSecurityPolicy: ${describe(other)}`,
    });
  if (!repo) return { visibility: null, path: null };
  const index = SECURITY_POLICY_PATHS.findIndex((_, i) => (repo[`security${i}`] as Raw | null)?.__typename === 'Blob');
  return { visibility: typeof repo.visibility === 'string' ? repo.visibility : null, path: SECURITY_POLICY_PATHS[index] ?? null };
}

type Follow = (text: string, variables: Raw) => Promise<GqlAnswer>;

/** Every page of a connection after `after`, through `fetch`; at most MAX_FOLLOW_PAGES pages, then a FactError. */
async function pagesAfter(what: string, after: string | null, fetch: (cursor: string | null) => Promise<Page<Raw> | null>): Promise<Raw[]> {
  const out: Raw[] = [];
  let cursor = after;
  for (let i = 0; i < MAX_FOLLOW_PAGES; i++) {
    const page = await fetch(cursor);
    if (!page) throw new FactError({ kind: 'denied', message: `${what} were not returned`, permission: 'admin on the repository' });
    out.push(...nodes(page));
    if (!page.pageInfo?.hasNextPage) return out;
    cursor = page.pageInfo.endCursor ?? null;
  }
  throw new FactError({ kind: 'other', message: `${what}: more than ${MAX_FOLLOW_PAGES} pages` });
}

/** A bound on follow-up pages: 100 pages of 25 rulesets or 100 rules is far beyond GitHub's own limits. */
const MAX_FOLLOW_PAGES = 100;

function moreRulesets(follow: Follow, org: string, name: string, after: string | null): Promise<Raw[]> {
  return pagesAfter(`rulesets of ${org}/${name}`, after, async (cursor) => {
    const answer = await follow(MORE_RULESETS_QUERY, { owner: org, name, after: cursor });
    return ((answer.data?.repository as Raw | null)?.rulesets as Page<Raw> | null) ?? null;
  });
}

/** A ruleset with its rules and bypass actors read past their first page, then parsed. */
async function completeRuleset(follow: Follow, raw: Raw): Promise<Ruleset> {
  const complete = { ...raw };
  for (const field of ['rules', 'bypassActors'] as const) {
    const page = raw[field] as Page<Raw> | null | undefined;
    if (!page?.pageInfo?.hasNextPage) continue;
    const rest = await pagesAfter(`${field} of ruleset "${String(raw.name)}"`, page.pageInfo.endCursor ?? null, async (cursor) => {
      const answer = await follow(moreOfRulesetQuery(field), { id: raw.id, after: cursor });
      return ((answer.data?.node as Raw | null)?.[field] as Page<Raw> | null) ?? null;
    });
    complete[field] = { nodes: [...nodes(page), ...rest] };
  }
  return parseRuleset(complete);
}

function describe(e: GqlError): string {
  return `${e.type ?? 'ERROR'}: ${e.message}`;
}

function nodes<T>(page: Page<T> | null | undefined): T[] {
  return (page?.nodes ?? page?.edges ?? []).filter((n): n is T => n !== null);
}

/** A connection we asked 100 of and that has more: say so rather than judge a partial list. */
function list<T>(field: string, page: Page<Raw> | null | undefined, map: (n: Raw) => T, fieldErrors: Record<string, string>): T[] | null {
  if (!page) return null;
  if (page.pageInfo?.hasNextPage) fieldErrors[field] ??= `TRUNCATED: more than one page of ${field}`;
  return nodes(page).map(map);
}

export function parseRepo(raw: Raw, errors: GqlError[] = []): RepoDetails {
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) {
    const field =
      (e.path ?? [])
        .slice(1)
        .filter((p) => typeof p === 'string')
        .join('.') || 'repository';
    fieldErrors[field] ??= describe(e);
  }
  const isBlob = (alias: string) => (raw[alias] as Raw | null)?.__typename === 'Blob';
  const codeownersIndex = CODEOWNERS_PATHS.findIndex((_, i) => isBlob(`codeowners${i}`));
  const policyIndex = SECURITY_POLICY_PATHS.findIndex((_, i) => isBlob(`security${i}`));
  const rulesetsPage = raw.rulesets as Page<Raw> | null;
  const classic = list('branchProtectionRules', raw.branchProtectionRules as Page<Raw>, parseClassic, fieldErrors);
  const onDefault = ((raw.defaultBranchRef as Raw | null)?.branchProtectionRule as Raw | null | undefined) ?? null;
  const rule = onDefault && classic?.find((r) => r.pattern === onDefault.pattern);
  if (rule && onDefault) {
    rule.bypassPullRequestActors = list(
      'defaultBranchRef.branchProtectionRule.bypassPullRequestAllowances',
      onDefault.bypassPullRequestAllowances as Page<Raw>,
      allowanceActor,
      fieldErrors,
    );
    rule.bypassForcePushActors = list(
      'defaultBranchRef.branchProtectionRule.bypassForcePushAllowances',
      onDefault.bypassForcePushAllowances as Page<Raw>,
      allowanceActor,
      fieldErrors,
    );
  }
  return {
    name: String(raw.name),
    viewerPermission: (raw.viewerPermission as RepoPermission | null) ?? null,
    defaultBranch: ((raw.defaultBranchRef as Raw | null)?.name as string | undefined) ?? null,
    hasVulnerabilityAlertsEnabled: typeof raw.hasVulnerabilityAlertsEnabled === 'boolean' ? raw.hasVulnerabilityAlertsEnabled : null,
    branchProtectionRules: classic,
    rulesets: rulesetsPage ? nodes(rulesetsPage).map(parseRuleset) : null,
    codeownersPath: codeownersIndex >= 0 ? (CODEOWNERS_PATHS[codeownersIndex] ?? null) : null,
    securityPolicyPath: policyIndex >= 0 ? (SECURITY_POLICY_PATHS[policyIndex] ?? null) : null,
    workflows: workflowFiles(raw.workflows as Raw | null | undefined),
    deployKeys: list(
      'deployKeys',
      raw.deployKeys as Page<Raw>,
      (k) => ({ title: String(k.title), readOnly: k.readOnly === true }),
      fieldErrors,
    ),
    outsideCollaborators: list(
      'collaborators',
      raw.collaborators as Page<Raw>,
      (e) => ({ login: String((e.node as Raw | null)?.login), permission: String(e.permission) }),
      fieldErrors,
    ),
    fieldErrors,
  };
}

/** The `.yml`/`.yaml` blobs directly in the workflow folder; a folder that is absent (or a file of that name) holds none. */
function workflowFiles(tree: Raw | null | undefined): WorkflowFile[] {
  if (tree?.__typename !== 'Tree') return [];
  const entries = (tree.entries as Raw[] | null) ?? [];
  return entries
    .filter((e) => e.type === 'blob' && /\.ya?ml$/i.test(String(e.name)))
    .map((e): WorkflowFile => {
      const path = `${WORKFLOWS_DIR}/${String(e.name)}`;
      const blob = e.object as Raw | null;
      if (blob?.isTruncated === true) return { path, text: null, problem: 'GitHub truncated its text (too large)' };
      if (typeof blob?.text !== 'string') return { path, text: null, problem: blob?.isBinary ? 'binary content' : 'no text returned' };
      return { path, text: blob.text };
    });
}

function parseClassic(n: Raw): ClassicRule {
  return {
    pattern: String(n.pattern),
    isAdminEnforced: n.isAdminEnforced === true,
    requiresApprovingReviews: n.requiresApprovingReviews === true,
    requiredApprovingReviewCount: typeof n.requiredApprovingReviewCount === 'number' ? n.requiredApprovingReviewCount : null,
    dismissesStaleReviews: n.dismissesStaleReviews === true,
    requiresCodeOwnerReviews: n.requiresCodeOwnerReviews === true,
    // Fail closed: an absent answer is read as the permissive setting.
    allowsForcePushes: n.allowsForcePushes !== false,
    allowsDeletions: n.allowsDeletions !== false,
    requiresStatusChecks: n.requiresStatusChecks === true,
    requiredStatusCheckContexts: ((n.requiredStatusCheckContexts as (string | null)[] | null) ?? []).filter((c): c is string => !!c),
  };
}

/** `Team:slug`, `App:slug` or `User:login`: the name a config allow-lists. */
function actorName(actor: Raw | null | undefined): string | null {
  if (!actor) return null;
  return `${String(actor.__typename)}:${textOf(actor.slug ?? actor.login ?? '')}`;
}

const allowanceActor = (n: Raw) => actorName(n.actor as Raw | null) ?? 'unknown actor';

function parseRuleset(n: Raw): Ruleset {
  const refName = (n.conditions as Raw | null)?.refName as { include?: string[]; exclude?: string[] } | null | undefined;
  const bypass = n.bypassActors as Page<Raw> | null | undefined;
  return {
    name: String(n.name),
    enforcement: String(n.enforcement),
    target: (n.target as string | null) ?? null,
    source: textOf((n.source as Raw | null)?.__typename ?? 'unknown'),
    refInclude: refName ? (refName.include ?? []) : null,
    refExclude: refName?.exclude ?? [],
    rules: nodes(n.rules as Page<Raw>).map((r) => {
      const { __typename: _t, ...parameters } = (r.parameters as Raw | null) ?? {};
      return { type: String(r.type), parameters: r.parameters ? parameters : null };
    }),
    bypassActors: bypass ? nodes(bypass).map(parseBypass) : null,
  };
}

function parseBypass(b: Raw): BypassActor {
  const actor = b.actor as Raw | null;
  return {
    bypassMode: (b.bypassMode as string | null) ?? null,
    organizationAdmin: b.organizationAdmin === true,
    enterpriseOwner: b.enterpriseOwner === true,
    deployKey: b.deployKey === true,
    repositoryRoleName: (b.repositoryRoleName as string | null) ?? null,
    repositoryRoleDatabaseId: (b.repositoryRoleDatabaseId as number | null) ?? null,
    actor: actorName(actor),
  };
}
