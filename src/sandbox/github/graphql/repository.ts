import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { rulesOf } from '../rest-repo-shapes.js';
import { nodeId, userId } from '../rest-shapes.js';
import { permits, type AllowanceSpec, type ProtectionSpec } from '../scenario.js';
import { CREATED_AT, isRepoAdmin, protectionFor, repoPermission, rulesetCovers, type RepoModel, type RulesetModel } from '../world.js';
import { connection, type PageArgs } from './connection.js';
import type { GraphqlContext } from './root.js';

/**
 * The Repository object and what hangs from it, over the scenario. Where
 * GitHub hides data from a token without admin it is hidden here the same
 * way: `branchProtectionRules` and `deployKeys` come back empty (not an
 * error), `hasVulnerabilityAlertsEnabled` false, ruleset `bypassActors` null;
 * `viewerPermission` tells the truth, so a client can tell "none" from
 * "not shown".
 */
export function repositoryModel(repo: RepoModel, ctx: GraphqlContext) {
  const perm = repoPermission(ctx.token, repo);
  const admin = isRepoAdmin(ctx.token, repo);
  const self = {
    __typename: 'Repository',
    id: nodeId('R', repo.id),
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: repo.fullName,
    url: `${ctx.web}/${repo.fullName}`,
    isArchived: repo.archived,
    isPrivate: repo.visibility !== 'public',
    isFork: repo.spec.fork ?? false,
    isTemplate: false,
    isDisabled: false,
    isLocked: false,
    isEmpty: false,
    isMirror: false,
    visibility: repo.visibility.toUpperCase(),
    createdAt: repo.createdAt,
    updatedAt: CREATED_AT,
    pushedAt: CREATED_AT,
    viewerPermission: perm?.toUpperCase() ?? null,
    viewerCanAdminister: admin,
    hasVulnerabilityAlertsEnabled: admin && (repo.spec.vulnerability_alerts ?? false),
    defaultBranchRef: () => refModel(repo, repo.defaultBranch, admin, self),
    branchProtectionRules: (args: PageArgs) =>
      connection(admin ? repo.protection.map((p, i) => protectionModel(repo, p, i, self)) : [], args),
    rulesets: (args: PageArgs) =>
      connection(
        repo.rulesets.map((rs) => rulesetModel(repo, rs, admin, self)),
        args,
      ),
    deployKeys: (args: PageArgs) =>
      connection(
        admin
          ? repo.keys.map((k) => ({
              __typename: 'DeployKey',
              id: nodeId('DK', k.id),
              title: k.title,
              readOnly: k.read_only,
              verified: true,
              createdAt: CREATED_AT,
              key: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${Buffer.from(k.title).toString('base64')}`,
            }))
          : [],
        args,
      ),
    collaborators: (args: PageArgs & { affiliation?: string }) => {
      if (!permits(perm, 'write'))
        throw new GraphQLError('Must have push access to view repository collaborators.', { extensions: { type: 'FORBIDDEN' } });
      const people = (repo.spec.collaborators ?? []).filter((c) => args.affiliation !== 'OUTSIDE' || !repo.org.isMember(c.login));
      return connection(people, args, (c) => ({ permission: c.permission.toUpperCase(), permissionSources: [] }));
    },
    object: (args: { expression?: string }) => gitObject(repo, args.expression ?? '', self),
    owner: () => ({ __typename: 'Organization', login: repo.org.login, id: nodeId('O', repo.org.id) }),
    /** The ruleset with this node id, as `node(id:)` answers it. */
    rulesetById: (id: string) => {
      const rs = repo.rulesets.find((r) => nodeId('RRS', r.id) === id);
      return rs ? rulesetModel(repo, rs, admin, self) : null;
    },
  };
  return self;
}

function refModel(repo: RepoModel, branch: string, admin: boolean, repository: object) {
  const active = repo.rulesets.filter((rs) => (rs.enforcement ?? 'active') === 'active' && rulesetCovers(rs, repo, branch));
  // The rule GitHub applies to the branch: its exact name first, then the oldest matching pattern.
  const rule = protectionFor(repo, branch);
  const protection = rule ? repo.protection.indexOf(rule) : -1;
  return {
    __typename: 'Ref',
    id: nodeId('REF', repo.id),
    name: branch,
    prefix: 'refs/heads/',
    repository,
    branchProtectionRule: admin && rule && protection >= 0 ? protectionModel(repo, rule, protection, repository) : null,
    rules: (args: PageArgs) =>
      connection(
        active.flatMap((rs) => ruleModels(rs, repository)),
        args,
      ),
    target: { __typename: 'Commit', oid: 'f'.repeat(40), abbreviatedOid: 'fffffff', id: nodeId('C', repo.id) },
  };
}

function protectionModel(repo: RepoModel, p: ProtectionSpec, index: number, repository: object) {
  const empty = (args: PageArgs) => connection([], args);
  return {
    __typename: 'BranchProtectionRule',
    id: nodeId('BPR', repo.id * 100 + index),
    databaseId: repo.id * 100 + index,
    pattern: p.pattern,
    repository,
    requiresApprovingReviews: !!p.pull_request,
    requiredApprovingReviewCount: p.pull_request ? (p.pull_request.approvals ?? 1) : null,
    dismissesStaleReviews: p.pull_request?.dismiss_stale ?? false,
    requiresCodeOwnerReviews: p.pull_request?.code_owners ?? false,
    requireLastPushApproval: p.pull_request?.last_push_approval ?? false,
    requiresStatusChecks: !!p.status_checks,
    requiresStrictStatusChecks: p.status_checks?.strict ?? false,
    requiredStatusCheckContexts: p.status_checks?.contexts ?? [],
    requiredStatusChecks: (p.status_checks?.contexts ?? []).map((context) => ({ context, app: null })),
    isAdminEnforced: p.enforce_admins ?? false,
    allowsForcePushes: p.allow_force_pushes ?? false,
    allowsDeletions: p.allow_deletions ?? false,
    requiresLinearHistory: p.linear_history ?? false,
    requiresCommitSignatures: false,
    requiresConversationResolution: false,
    requiresDeployments: false,
    requiredDeploymentEnvironments: [],
    restrictsPushes: false,
    restrictsReviewDismissals: false,
    blocksCreations: false,
    lockBranch: false,
    lockAllowsFetchAndMerge: false,
    bypassForcePushAllowances: (args: PageArgs) =>
      connection(allowanceActors(p.bypass_force_push_allowances), args, undefined, (actor) => ({
        __typename: 'BypassForcePushAllowance',
        id: nodeId('BFA', userId(actor.id)),
        actor,
        branchProtectionRule: null,
      })),
    bypassPullRequestAllowances: (args: PageArgs) =>
      connection(allowanceActors(p.bypass_pull_request_allowances), args, undefined, (actor) => ({
        __typename: 'BypassPullRequestAllowance',
        id: nodeId('BPA', userId(actor.id)),
        actor,
        branchProtectionRule: null,
      })),
    pushAllowances: empty,
    reviewDismissalAllowances: empty,
    branchProtectionRuleConflicts: empty,
  };
}

/** The actors of a classic rule's allowance list, as the BranchActorAllowanceActor union types them. */
function allowanceActors(spec: AllowanceSpec | undefined) {
  return [
    ...(spec?.users ?? []).map((login) => ({ __typename: 'User', login, id: nodeId('U', userId(login)), name: login })),
    ...(spec?.teams ?? []).map((slug) => ({ __typename: 'Team', slug, name: slug, id: nodeId('T', userId(`team:${slug}`)) })),
    ...(spec?.apps ?? []).map((slug) => ({ __typename: 'App', slug, name: slug, id: nodeId('A', userId(`app:${slug}`)) })),
  ];
}

/** GitHub's built-in repository roles by id, as rulesets name them in bypass lists. */
const ROLE_NAMES: Record<number, string> = { 1: 'read', 2: 'triage', 3: 'write', 4: 'maintain', 5: 'admin' };

function rulesetModel(repo: RepoModel, rs: RulesetModel, admin: boolean, repository: object) {
  const self = {
    __typename: 'RepositoryRuleset',
    id: nodeId('RRS', rs.id),
    databaseId: rs.id,
    name: rs.name,
    enforcement: (rs.enforcement ?? 'active').toUpperCase(),
    target: (rs.target ?? 'branch').toUpperCase(),
    source: repository,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    conditions: {
      refName: { include: rs.include ?? ['~DEFAULT_BRANCH'], exclude: rs.exclude ?? [] },
      repositoryName: null,
      repositoryId: null,
      repositoryProperty: null,
    },
    rules: (args: PageArgs & { type?: string }) =>
      connection(
        ruleModels(rs, self).filter((r) => !args.type || r.type === args.type),
        args,
      ),
    bypassActors: (args: PageArgs) =>
      admin
        ? connection(
            (rs.bypass ?? []).map((b, i) => ({
              __typename: 'RepositoryRulesetBypassActor',
              id: nodeId('RBA', rs.id * 10 + i),
              repositoryRuleset: self,
              bypassMode: (b.bypass_mode ?? 'always').toUpperCase(),
              organizationAdmin: b.actor_type === 'OrganizationAdmin',
              enterpriseOwner: b.actor_type === 'EnterpriseOwner',
              deployKey: b.actor_type === 'DeployKey',
              repositoryRoleName: b.actor_type === 'RepositoryRole' ? (ROLE_NAMES[b.actor_id ?? 0] ?? null) : null,
              repositoryRoleDatabaseId: b.actor_type === 'RepositoryRole' ? (b.actor_id ?? null) : null,
              actor:
                b.actor_type === 'Team'
                  ? { __typename: 'Team', slug: `team-${b.actor_id}`, name: `team-${b.actor_id}`, id: nodeId('T', b.actor_id ?? 0) }
                  : b.actor_type === 'Integration'
                    ? { __typename: 'App', slug: `app-${b.actor_id}`, name: `app-${b.actor_id}`, id: nodeId('A', b.actor_id ?? 0) }
                    : null,
            })),
            args,
          )
        : null,
  };
  return self;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const PARAMETER_TYPES: Record<string, string> = {
  pull_request: 'PullRequestParameters',
  required_status_checks: 'RequiredStatusChecksParameters',
};

/** A ruleset's rules as GraphQL types them: upper-case `type`, camel-cased `parameters` in their union member. */
function ruleModels(rs: RulesetModel, ruleset: object) {
  return rulesOf(rs).map((rule, i) => {
    const params = 'parameters' in rule && rule.parameters ? (rule.parameters as Record<string, unknown>) : undefined;
    const parameters = params && {
      __typename: PARAMETER_TYPES[rule.type],
      ...Object.fromEntries(
        Object.entries(params).map(([k, v]) => [
          camel(k),
          Array.isArray(v) && k === 'allowed_merge_methods' ? v.map((m: string) => m.toUpperCase()) : v,
        ]),
      ),
    };
    return {
      __typename: 'RepositoryRule',
      id: nodeId('RR', rs.id * 100 + i),
      type: rule.type.toUpperCase(),
      parameters: parameters ?? null,
      repositoryRuleset: ruleset,
    };
  });
}

/** `object(expression: "HEAD:path")`: a Blob for a file, a Tree for a folder, null when the path or revision is unknown. */
function gitObject(repo: RepoModel, expression: string, repository: object) {
  const colon = expression.indexOf(':');
  const rev = colon < 0 ? expression : expression.slice(0, colon);
  const path = colon < 0 ? '' : expression.slice(colon + 1).replace(/^\/|\/$/g, '');
  if (rev !== 'HEAD' && !repo.branches.includes(rev)) return null;
  const text = repo.files.get(path);
  const oid = (s: string) => createHash('sha1').update(s).digest('hex');
  const common = (o: string) => ({
    oid: o,
    abbreviatedOid: o.slice(0, 7),
    id: nodeId('GO', userId(o)),
    repository,
    commitResourcePath: `/${repo.fullName}/commit/${'f'.repeat(40)}`,
    commitUrl: `/${repo.fullName}/commit/${'f'.repeat(40)}`,
  });
  const blob = (body: string) => ({
    __typename: 'Blob',
    ...common(oid(`blob ${Buffer.byteLength(body)}\0${body}`)),
    byteSize: Buffer.byteLength(body),
    text: body,
    isBinary: false,
    isTruncated: false,
  });
  if (text !== undefined) return blob(text);
  const prefix = path ? `${path}/` : '';
  const entries = [
    ...new Set([...repo.files.keys()].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).split('/')[0])),
  ].sort();
  if (!entries.length) return null;
  return {
    __typename: 'Tree',
    ...common(oid(`tree ${repo.fullName}:${path}`)),
    entries: entries.map((name) => {
      const full = `${prefix}${name}`;
      const isFile = repo.files.has(full);
      return {
        name,
        path: full,
        type: isFile ? 'blob' : 'tree',
        mode: isFile ? 33188 : 16384,
        oid: oid(full),
        size: isFile ? Buffer.byteLength(repo.files.get(full) ?? '') : 0,
        isGenerated: false,
        repository,
        // The entry's object: a Blob with its text for a file, the subtree for a folder.
        object: () => (isFile ? blob(repo.files.get(full) ?? '') : gitObject(repo, `${rev}:${full}`, repository)),
      };
    }),
  };
}
