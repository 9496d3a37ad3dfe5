import { createHash } from 'node:crypto';
import type { components } from '@octokit/openapi-types';
import { nodeId, web } from './rest-shapes.js';
import type { ProtectionSpec } from './scenario.js';
import { CREATED_AT, type RepoModel, type RulesetModel } from './world.js';

/** REST bodies of a repository's protection, rulesets, deploy keys and files, typed by GitHub's OpenAPI description. */
type Schemas = components['schemas'];

export function protectionShape(api: string, repo: RepoModel, branch: string, p: ProtectionSpec): Schemas['branch-protection'] {
  const url = `${api}/repos/${repo.fullName}/branches/${branch}/protection`;
  const shape: Schemas['branch-protection'] = {
    url,
    enforce_admins: { url: `${url}/enforce_admins`, enabled: p.enforce_admins ?? false },
    required_linear_history: { enabled: p.linear_history ?? false },
    allow_force_pushes: { enabled: p.allow_force_pushes ?? false },
    allow_deletions: { enabled: p.allow_deletions ?? false },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: false },
    lock_branch: { enabled: false },
    allow_fork_syncing: { enabled: false },
    required_signatures: { url: `${url}/required_signatures`, enabled: false },
  };
  if (p.pull_request) {
    shape.required_pull_request_reviews = {
      url: `${url}/required_pull_request_reviews`,
      dismiss_stale_reviews: p.pull_request.dismiss_stale ?? false,
      require_code_owner_reviews: p.pull_request.code_owners ?? false,
      required_approving_review_count: p.pull_request.approvals ?? 1,
      require_last_push_approval: p.pull_request.last_push_approval ?? false,
    };
  }
  if (p.status_checks) {
    shape.required_status_checks = {
      url: `${url}/required_status_checks`,
      strict: p.status_checks.strict ?? false,
      contexts: p.status_checks.contexts,
      checks: p.status_checks.contexts.map((context) => ({ context, app_id: null })),
      contexts_url: `${url}/required_status_checks/contexts`,
    };
  }
  return shape;
}

export function deployKeyShape(api: string, repo: RepoModel, key: RepoModel['keys'][number]): Schemas['deploy-key'] {
  return {
    id: key.id,
    key: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${Buffer.from(key.title).toString('base64')}`,
    url: `${api}/repos/${repo.fullName}/keys/${key.id}`,
    title: key.title,
    verified: true,
    created_at: CREATED_AT,
    read_only: key.read_only,
    added_by: null,
    last_used: null,
    enabled: true,
  };
}

/** A ruleset; `bypass_actors` only for admins, who alone may edit it (GitHub leaves them out for others). */
export function rulesetShape(
  api: string,
  repo: RepoModel,
  rs: RulesetModel,
  admin: boolean,
  detailed: boolean,
): Schemas['repository-ruleset'] {
  const shape: Schemas['repository-ruleset'] = {
    id: rs.id,
    name: rs.name,
    target: rs.target ?? 'branch',
    source_type: 'Repository',
    source: repo.fullName,
    enforcement: rs.enforcement ?? 'active',
    node_id: nodeId('RRS', rs.id),
    _links: {
      self: { href: `${api}/repos/${repo.fullName}/rulesets/${rs.id}` },
      html: { href: `${web(api)}/${repo.fullName}/rules/${rs.id}` },
    },
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
  };
  if (!detailed) return shape;
  // An enterprise-owner bypass is not one of REST's actor types: GitHub lists it on the enterprise ruleset only.
  if (admin)
    shape.bypass_actors = (rs.bypass ?? []).flatMap((b) =>
      b.actor_type === 'EnterpriseOwner'
        ? []
        : [{ actor_id: b.actor_id ?? null, actor_type: b.actor_type, bypass_mode: b.bypass_mode ?? 'always' }],
    );
  shape.current_user_can_bypass = admin && (rs.bypass ?? []).length > 0 ? 'always' : 'never';
  shape.conditions = { ref_name: { include: rs.include ?? ['~DEFAULT_BRANCH'], exclude: rs.exclude ?? [] } };
  shape.rules = rulesOf(rs);
  return shape;
}

/** The rules of a ruleset as REST lists them: `{ type, parameters? }`. */
export function rulesOf(rs: RulesetModel): Schemas['repository-rule'][] {
  const r = rs.rules;
  const rules: Schemas['repository-rule'][] = [];
  if (r.deletion) rules.push({ type: 'deletion' });
  if (r.non_fast_forward) rules.push({ type: 'non_fast_forward' });
  if (r.required_linear_history) rules.push({ type: 'required_linear_history' });
  if (r.pull_request) {
    const p = r.pull_request;
    rules.push({
      type: 'pull_request',
      parameters: {
        required_approving_review_count: p.required_approving_review_count ?? 0,
        dismiss_stale_reviews_on_push: p.dismiss_stale_reviews_on_push ?? false,
        require_code_owner_review: p.require_code_owner_review ?? false,
        require_last_push_approval: p.require_last_push_approval ?? false,
        required_review_thread_resolution: p.required_review_thread_resolution ?? false,
        allowed_merge_methods: ['merge', 'squash', 'rebase'],
      },
    });
  }
  if (r.required_status_checks) {
    rules.push({
      type: 'required_status_checks',
      parameters: {
        strict_required_status_checks_policy: r.required_status_checks.strict ?? false,
        required_status_checks: r.required_status_checks.contexts.map((context) => ({ context })),
      },
    });
  }
  return rules;
}

export function contentFileShape(api: string, repo: RepoModel, path: string, text: string): Schemas['content-file'] {
  const sha = createHash('sha1')
    .update(`blob ${Buffer.byteLength(text)}\0${text}`)
    .digest('hex');
  const url = `${api}/repos/${repo.fullName}/contents/${path}?ref=${repo.defaultBranch}`;
  const html = `${web(api)}/${repo.fullName}/blob/${repo.defaultBranch}/${path}`;
  const git = `${api}/repos/${repo.fullName}/git/blobs/${sha}`;
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text),
    name: path.split('/').pop() ?? path,
    path,
    content: Buffer.from(text).toString('base64'),
    sha,
    url,
    git_url: git,
    html_url: html,
    download_url: `${web(api)}/raw/${repo.fullName}/${repo.defaultBranch}/${path}`,
    _links: { git, html, self: url },
  };
}
