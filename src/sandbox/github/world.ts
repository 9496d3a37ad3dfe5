import picomatch from 'picomatch';
import {
  normaliseTokens,
  permits,
  type GithubScenario,
  type HookSpec,
  type MemberSpec,
  type OrgSpec,
  type ProtectionSpec,
  type RepoPermission,
  type RepoSpec,
  type RulesetSpec,
  type SandboxToken,
} from './scenario.js';

/**
 * The scenario as the emulators read it: ids assigned, defaults filled,
 * lookups case-insensitive (GitHub logins and repository names are), and
 * the access rules a token is held to.
 */
export interface World {
  tokens: SandboxToken[];
  orgs: OrgModel[];
  org(login: string): OrgModel | undefined;
  token(value: string): SandboxToken | undefined;
}

export interface OrgModel {
  id: number;
  login: string;
  name: string;
  spec: OrgSpec;
  members: Required<MemberSpec>[];
  hooks: HookModel[];
  repos: RepoModel[];
  repo(name: string): RepoModel | undefined;
  isMember(login: string): boolean;
}

export interface RepoModel {
  id: number;
  org: OrgModel;
  name: string;
  fullName: string;
  spec: RepoSpec;
  visibility: 'public' | 'private' | 'internal';
  archived: boolean;
  defaultBranch: string;
  branches: string[];
  protection: ProtectionSpec[];
  rulesets: RulesetModel[];
  hooks: HookModel[];
  keys: { id: number; title: string; read_only: boolean }[];
  files: Map<string, string>;
  createdAt: string;
}

export interface HookModel extends HookSpec {
  id: number;
}
export interface RulesetModel extends RulesetSpec {
  id: number;
}

/** A fixed clock for timestamps in answers, so that ETags stay stable between runs. */
export const CREATED_AT = '2024-01-15T09:30:00Z';

export function buildWorld(scenario: GithubScenario): World {
  const tokens = normaliseTokens(scenario.tokens);
  let nextId = 1000;
  const id = () => nextId++;
  const orgs = (scenario.orgs ?? []).map((spec, i) => buildOrg(spec, 100 + i, id));
  const byLogin = new Map(orgs.map((o) => [o.login.toLowerCase(), o]));
  const byValue = new Map(tokens.map((t) => [t.value, t]));
  return { tokens, orgs, org: (login) => byLogin.get(login.toLowerCase()), token: (value) => byValue.get(value) };
}

function buildOrg(spec: OrgSpec, orgId: number, id: () => number): OrgModel {
  const members = (spec.members ?? []).map((m) => ({
    login: m.login,
    role: m.role ?? 'member',
    two_factor: m.two_factor ?? true,
    two_factor_insecure: m.two_factor_insecure ?? false,
  }));
  const memberSet = new Set(members.map((m) => m.login.toLowerCase()));
  const org: OrgModel = {
    id: orgId,
    login: spec.login,
    name: spec.name ?? spec.login,
    spec,
    members,
    hooks: (spec.hooks ?? []).map((h) => ({ ...h, id: id() })),
    repos: [],
    repo: (name) => byName.get(name.toLowerCase()),
    isMember: (login) => memberSet.has(login.toLowerCase()),
  };
  org.repos = (spec.repos ?? []).map((r) => buildRepo(r, org, id));
  const byName = new Map(org.repos.map((r) => [r.name.toLowerCase(), r]));
  return org;
}

function buildRepo(spec: RepoSpec, org: OrgModel, id: () => number): RepoModel {
  const defaultBranch = spec.default_branch ?? 'main';
  return {
    id: id(),
    org,
    name: spec.name,
    fullName: `${org.login}/${spec.name}`,
    spec,
    visibility: spec.visibility ?? 'private',
    archived: spec.archived ?? false,
    defaultBranch,
    branches: [defaultBranch, ...(spec.branches ?? []).filter((b) => b !== defaultBranch)],
    protection: spec.branch_protection ?? [],
    rulesets: (spec.rulesets ?? []).map((r) => ({ ...r, id: id() })),
    hooks: (spec.hooks ?? []).map((h) => ({ ...h, id: id() })),
    keys: (spec.deploy_keys ?? []).map((k) => ({ id: id(), title: k.title, read_only: k.read_only ?? true })),
    files: new Map(Object.entries(spec.files ?? {})),
    createdAt: CREATED_AT,
  };
}

const SCOPE_PARENTS: Record<string, string[]> = {
  'read:org': ['write:org', 'admin:org'],
  'write:org': ['admin:org'],
  public_repo: ['repo'],
  'read:repo_hook': ['write:repo_hook', 'admin:repo_hook'],
  'read:user': ['user'],
};

/** Whether a classic token's scopes grant `scope`, directly or through a broader scope. */
export function hasScope(token: SandboxToken | null, scope: string): boolean {
  if (!token) return false;
  return token.scopes.includes(scope) || (SCOPE_PARENTS[scope] ?? []).some((s) => token.scopes.includes(s));
}

/** The token's permission on a repository; `null` when it may not even see it (GitHub then answers 404). */
export function repoPermission(token: SandboxToken | null, repo: RepoModel): RepoPermission | null {
  const isPublic = repo.visibility === 'public';
  if (!token) return isPublic ? 'read' : null;
  if (!isPublic && !hasScope(token, 'repo')) return null;
  const granted = token.repositories[repo.fullName] ?? token.repositories[repo.name] ?? token.permission;
  if (isPublic && !hasScope(token, 'public_repo')) return 'read';
  return granted;
}

export function isRepoAdmin(token: SandboxToken | null, repo: RepoModel): boolean {
  return permits(repoPermission(token, repo), 'admin');
}

/** Organisation ownership as GitHub shows it to a classic token: the owner role and the `admin:org` scope. */
export function isOrgAdmin(token: SandboxToken | null, scope = 'admin:org'): boolean {
  return !!token && token.owner && hasScope(token, scope);
}

/** Whether a ruleset's ref_name condition covers `branch` of `repo`. */
export function rulesetCovers(ruleset: RulesetSpec, repo: RepoModel, branch: string): boolean {
  if ((ruleset.target ?? 'branch') !== 'branch') return false;
  const matches = (pattern: string) => {
    if (pattern === '~ALL') return true;
    if (pattern === '~DEFAULT_BRANCH') return branch === repo.defaultBranch;
    return picomatch.isMatch(`refs/heads/${branch}`, pattern.startsWith('refs/') ? pattern : `refs/heads/${pattern}`);
  };
  return (ruleset.include ?? ['~DEFAULT_BRANCH']).some(matches) && !(ruleset.exclude ?? []).some(matches);
}

/** The classic protection rule that applies to a branch: an exact pattern first, then the first glob that matches. */
export function protectionFor(repo: RepoModel, branch: string): ProtectionSpec | undefined {
  return repo.protection.find((p) => p.pattern === branch) ?? repo.protection.find((p) => picomatch.isMatch(branch, p.pattern));
}
