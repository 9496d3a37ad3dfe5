import { createHash } from 'node:crypto';
import type { components } from '@octokit/openapi-types';
import type { SandboxToken } from './scenario.js';
import { permits } from './scenario.js';
import { CREATED_AT, isRepoAdmin, repoPermission, type HookModel, type OrgModel, type RepoModel } from './world.js';

/** REST bodies shaped as GitHub's OpenAPI description has them, so that Octokit's types fit what we send. */
type Schemas = components['schemas'];

export function userShape(api: string, login: string, id: number, type = 'User'): Schemas['simple-user'] {
  const url = `${api}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId('U', id),
    avatar_url: `${api}/avatars/${login}`,
    gravatar_id: '',
    url,
    html_url: `${web(api)}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
    user_view_type: 'public',
  };
}

/** A stable user id from a login, so that the same person has the same id everywhere. */
export function userId(login: string): number {
  return 100000 + (createHash('sha1').update(login.toLowerCase()).digest().readUInt32BE(0) % 9000000);
}

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kgDO${Buffer.from(String(id)).toString('base64url')}`;
}

/** GitHub's web host: the API base without `/api/v3` (GHES) or the `api.` host. */
export function web(api: string): string {
  return api.replace(/\/api\/v3$/, '');
}

/** GET /orgs/{org}. Owner-only settings are left out, and the 2FA requirement is `null`, unless the token is an owner with admin:org. */
export function orgShape(api: string, org: OrgModel, fullView: boolean): Schemas['organization-full'] {
  const url = `${api}/orgs/${org.login}`;
  const s = org.spec.settings ?? {};
  const publicRepos = org.repos.filter((r) => r.visibility === 'public').length;
  const base: Schemas['organization-full'] = {
    login: org.login,
    id: org.id,
    node_id: nodeId('O', org.id),
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `${api}/avatars/${org.login}`,
    description: null,
    name: org.name,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${web(api)}/${org.login}`,
    type: 'Organization',
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
    archived_at: null,
    two_factor_requirement_enabled: null,
  };
  if (!fullView) return base;
  return {
    ...base,
    total_private_repos: org.repos.length - publicRepos,
    owned_private_repos: org.repos.length - publicRepos,
    two_factor_requirement_enabled: s.two_factor_requirement_enabled ?? false,
    default_repository_permission: s.default_repository_permission ?? 'read',
    members_can_create_repositories: s.members_can_create_repositories ?? true,
    members_can_create_public_repositories: s.members_can_create_public_repositories ?? true,
    members_can_create_private_repositories: s.members_can_create_private_repositories ?? true,
    members_can_create_internal_repositories: s.members_can_create_internal_repositories ?? true,
    members_can_fork_private_repositories: s.members_can_fork_private_repositories ?? false,
    members_can_invite_outside_collaborators: s.members_can_invite_outside_collaborators ?? true,
    web_commit_signoff_required: s.web_commit_signoff_required ?? false,
    members_can_delete_repositories: s.members_can_delete_repositories ?? true,
    members_can_change_repo_visibility: s.members_can_change_repo_visibility ?? true,
    // The closing-down summary: none when members create nothing, else whether public ones are allowed (internal ones are ignored).
    members_allowed_repository_creation_type: !(s.members_can_create_repositories ?? true)
      ? 'none'
      : (s.members_can_create_public_repositories ?? true)
        ? 'all'
        : 'private',
  };
}

const PERMISSIONS = ['pull', 'triage', 'push', 'maintain', 'admin'] as const;

function permissionsShape(perm: ReturnType<typeof repoPermission>) {
  const need = { pull: 'read', triage: 'triage', push: 'write', maintain: 'maintain', admin: 'admin' } as const;
  return Object.fromEntries(PERMISSIONS.map((p) => [p, permits(perm, need[p])])) as {
    admin: boolean;
    maintain: boolean;
    push: boolean;
    triage: boolean;
    pull: boolean;
  };
}

/** GET /repos/{o}/{r} and the items of GET /orgs/{org}/repos; `security_and_analysis` only for admins, as on GitHub. */
export function repoShape(api: string, repo: RepoModel, token: SandboxToken | null): Schemas['full-repository'] {
  const url = `${api}/repos/${repo.fullName}`;
  const sa = repo.spec.security_and_analysis ?? {};
  const owner = userShape(api, repo.org.login, repo.org.id, 'Organization');
  const shape: Schemas['full-repository'] = {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    owner,
    private: repo.visibility !== 'public',
    description: null,
    fork: repo.spec.fork ?? false,
    url,
    html_url: `${web(api)}/${repo.fullName}`,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: `git:${web(api)}/${repo.fullName}.git`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: `git@sandbox:${repo.fullName}.git`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: `${web(api)}/${repo.fullName}.git`,
    mirror_url: null,
    hooks_url: `${url}/hooks`,
    svn_url: `${web(api)}/${repo.fullName}`,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 1024,
    default_branch: repo.defaultBranch,
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.archived,
    disabled: false,
    visibility: repo.visibility,
    pushed_at: CREATED_AT,
    created_at: repo.createdAt,
    updated_at: CREATED_AT,
    permissions: permissionsShape(repoPermission(token, repo)),
    allow_forking: false,
    web_commit_signoff_required: false,
    subscribers_count: 0,
    network_count: 0,
    license: null,
    organization: owner,
    forks: 0,
    open_issues: 0,
    watchers: 0,
  };
  if (isRepoAdmin(token, repo)) {
    shape.security_and_analysis = {
      advanced_security: { status: sa.advanced_security ?? 'disabled' },
      dependabot_security_updates: { status: sa.dependabot_security_updates ?? 'disabled' },
      secret_scanning: { status: sa.secret_scanning ?? 'disabled' },
      secret_scanning_push_protection: { status: sa.secret_scanning_push_protection ?? 'disabled' },
    };
  }
  return shape;
}

/** A webhook; the secret is never sent back, only masked, as GitHub does. */
export function hookShape(api: string, base: string, hook: HookModel): Schemas['hook'] {
  const url = `${api}${base}/hooks/${hook.id}`;
  const config: Schemas['webhook-config'] = { url: hook.url, content_type: 'json', insecure_ssl: hook.insecure_ssl ?? '0' };
  if (hook.secret) config.secret = '********';
  return {
    id: hook.id,
    type: base.startsWith('/orgs') ? 'Organization' : 'Repository',
    name: 'web',
    active: hook.active ?? true,
    events: hook.events ?? ['push'],
    config,
    updated_at: CREATED_AT,
    created_at: CREATED_AT,
    url,
    test_url: `${url}/test`,
    ping_url: `${url}/pings`,
    deliveries_url: `${url}/deliveries`,
    last_response: { code: null, status: 'unused', message: null },
  };
}
