import type { InjectRule } from '../faults.js';
/**
 * The `github:` section of a sandbox scenario, as written in YAML
 * (schemas/scenario-github.schema.json), and its normalised form with every
 * default filled in, which the REST and GraphQL emulators read.
 */

export type RepoPermission = 'admin' | 'maintain' | 'write' | 'triage' | 'read';
export type EnabledState = 'enabled' | 'disabled';

export interface GithubScenario {
  /** Tokens by name. A full-access token named `default` is added unless given. */
  tokens?: Record<string, TokenSpec>;
  /** Primary rate limits per token and hour: REST requests and GraphQL points. */
  /** `secondary`: enforce GitHub's documented secondary limits (rate-model.ts). */
  rateLimits?: { rest?: number; graphql?: number; secondary?: boolean };
  /** Milliseconds added before every answer. */
  latencyMs?: number;
  faults?: FaultSpec;
  orgs?: OrgSpec[];
  /** A generated organisation (see large-org.ts), added to `orgs`: for pagination and budget runs. */
  generate?: { org?: string; repos: number; members: number };
}

export interface TokenSpec {
  /** The token string; default `ghp_sandbox_<name>`. */
  value?: string;
  /** The user the token belongs to; default `<name>-bot`. */
  login?: string;
  /** Classic OAuth scopes, sent back in `x-oauth-scopes`. */
  scopes?: string[];
  /** Shorthand: `false` gives `write` on every repository instead of `admin`, and no organisation ownership. */
  admin?: boolean;
  /** Permission on every repository of the scenario (overrides `admin`). */
  permission?: RepoPermission;
  /** Permission on named repositories (`org/repo` or `repo`), over `permission`. */
  repositories?: Record<string, RepoPermission>;
  /** Whether the token's user is an owner of the organisations (default: `admin`). */
  owner?: boolean;
  /** Status of admin-only REST routes when the token lacks admin (GitHub answers 404 to hide, 403 elsewhere). */
  deniedStatus?: 403 | 404;
}

export interface FaultSpec {
  /** Answer `count` requests after the first `after` ones with a secondary rate limit. */
  secondaryRateLimit?: { after?: number; count: number; status?: 403 | 429; retryAfterSeconds?: number };
  /** Successful answers of matching routes spoiled on the wire (see schemas/scenario-github.schema.json). */
  answers?: AnswerFault[];
  /** Per-request faults with seeded chances, matched on route templates (see src/sandbox/faults.ts). */
  inject?: InjectRule[];
}

export interface AnswerFault {
  /** `GET /orgs/{org}/repos` (Octokit route templates) or `POST /graphql`. */
  routes: string[];
  body?: 'empty' | 'truncated';
  /** Keys left out of the answer wherever they appear (`workflows`, `archived`): a field GitHub always sends, missing. */
  drop?: string[];
  /** Sent as the origin of `Link: rel="next"` in place of the API's. */
  linkOrigin?: string;
  /** Answered with a 302 to this origin (same path and query). */
  redirectTo?: string;
  /** A GraphQL error without a `path` added to the answer. */
  graphqlError?: string;
}

export interface OrgSpec {
  login: string;
  name?: string;
  settings?: OrgSettings;
  members?: MemberSpec[];
  actions?: ActionsSpec;
  hooks?: HookSpec[];
  repos?: RepoSpec[];
  /** Two-factor state of outside collaborators (those named in repository `collaborators` who are not members); default: secure 2FA. */
  outside_collaborators?: { login: string; two_factor?: boolean; two_factor_insecure?: boolean }[];
}

export interface OrgSettings {
  two_factor_requirement_enabled?: boolean;
  default_repository_permission?: 'none' | 'read' | 'write' | 'admin';
  members_can_create_repositories?: boolean;
  members_can_create_public_repositories?: boolean;
  members_can_create_private_repositories?: boolean;
  members_can_create_internal_repositories?: boolean;
  members_can_fork_private_repositories?: boolean;
  members_can_invite_outside_collaborators?: boolean;
  web_commit_signoff_required?: boolean;
  members_can_delete_repositories?: boolean;
  members_can_change_repo_visibility?: boolean;
}

export interface MemberSpec {
  login: string;
  role?: 'admin' | 'member';
  two_factor?: boolean;
  /** 2FA on, but only with an insecure method such as SMS (listed by filter=2fa_insecure). */
  two_factor_insecure?: boolean;
}

export interface ActionsSpec {
  enabled_repositories?: 'all' | 'none' | 'selected';
  allowed_actions?: 'all' | 'local_only' | 'selected';
  default_workflow_permissions?: 'read' | 'write';
  can_approve_pull_request_reviews?: boolean;
  /** What `allowed_actions: selected` allows (GET …/actions/permissions/selected-actions). */
  selected_actions?: { github_owned_allowed?: boolean; verified_allowed?: boolean; patterns_allowed?: string[] };
}

export interface HookSpec {
  url: string;
  insecure_ssl?: '0' | '1';
  secret?: boolean;
  events?: string[];
  active?: boolean;
}

export interface RepoSpec {
  name: string;
  visibility?: 'public' | 'private' | 'internal';
  archived?: boolean;
  fork?: boolean;
  default_branch?: string;
  /** Branches besides the default one. */
  branches?: string[];
  security_and_analysis?: {
    advanced_security?: EnabledState;
    secret_scanning?: EnabledState;
    secret_scanning_push_protection?: EnabledState;
    dependabot_security_updates?: EnabledState;
  };
  vulnerability_alerts?: boolean;
  branch_protection?: ProtectionSpec[];
  rulesets?: RulesetSpec[];
  /** Files at the head of the default branch: path → text. */
  files?: Record<string, string>;
  hooks?: HookSpec[];
  deploy_keys?: { title: string; read_only?: boolean }[];
  /** Direct collaborators; those who are not organisation members are outside collaborators. */
  collaborators?: { login: string; permission: RepoPermission }[];
  /** Code scanning: the default setup's state (`unavailable`: no Advanced Security, GitHub answers 403) and the analyses uploaded. */
  code_scanning?: { default_setup?: 'configured' | 'not-configured' | 'unavailable'; analyses?: AnalysisSpec[] };
  /** Security alerts, listed through the organisation-level endpoints; numbered in order from 1 per kind. */
  alerts?: { dependabot?: AlertSpec[]; code_scanning?: AlertSpec[]; secret_scanning?: AlertSpec[] };
}

export interface AlertSpec {
  created_at: string;
  /** Dependabot and code scanning; leave it out for a code-scanning rule without a security severity. */
  severity?: 'critical' | 'high' | 'medium' | 'low';
  /** open (default), or a closed state of the alert's kind: fixed, dismissed, auto_dismissed, resolved. */
  state?: 'open' | 'fixed' | 'dismissed' | 'auto_dismissed' | 'resolved';
  package?: string;
  rule?: string;
  secret_type?: string;
}

export interface AnalysisSpec {
  created_at: string;
  tool?: string;
  /** Default: the default branch. */
  ref?: string;
}

/** A classic branch protection rule. */
export interface ProtectionSpec {
  pattern: string;
  /** Pull requests required before merging; absent means not required. */
  pull_request?: { approvals?: number; dismiss_stale?: boolean; code_owners?: boolean; last_push_approval?: boolean };
  status_checks?: { strict?: boolean; contexts: string[] };
  enforce_admins?: boolean;
  allow_force_pushes?: boolean;
  allow_deletions?: boolean;
  linear_history?: boolean;
  /** Who may bypass the pull-request requirement / force push, as `users`, `teams` (slugs) and `apps` (slugs). */
  bypass_pull_request_allowances?: AllowanceSpec;
  bypass_force_push_allowances?: AllowanceSpec;
}

export interface AllowanceSpec {
  users?: string[];
  teams?: string[];
  apps?: string[];
}

export interface RulesetSpec {
  name: string;
  enforcement?: 'active' | 'evaluate' | 'disabled';
  target?: 'branch' | 'tag';
  /** ref_name conditions: `~DEFAULT_BRANCH`, `~ALL`, or `refs/heads/<glob>`. */
  include?: string[];
  exclude?: string[];
  /** `EnterpriseOwner` is an enterprise-level bypass that GraphQL reports (`enterpriseOwner`) and REST does not list. */
  bypass?: {
    actor_type: 'OrganizationAdmin' | 'EnterpriseOwner' | 'RepositoryRole' | 'Team' | 'Integration' | 'DeployKey';
    actor_id?: number;
    bypass_mode?: 'always' | 'pull_request';
  }[];
  rules: {
    pull_request?: {
      required_approving_review_count?: number;
      dismiss_stale_reviews_on_push?: boolean;
      require_code_owner_review?: boolean;
      require_last_push_approval?: boolean;
      required_review_thread_resolution?: boolean;
    };
    required_status_checks?: { strict?: boolean; contexts: string[] };
    non_fast_forward?: boolean;
    deletion?: boolean;
    required_linear_history?: boolean;
  };
}

/** A token after defaults: what the emulator authorises against. */
export interface SandboxToken {
  name: string;
  value: string;
  login: string;
  userId: number;
  scopes: string[];
  permission: RepoPermission;
  repositories: Record<string, RepoPermission>;
  owner: boolean;
  deniedStatus: 403 | 404;
}

export const FULL_SCOPES = ['repo', 'admin:org', 'admin:org_hook', 'admin:repo_hook', 'read:user', 'workflow', 'security_events'];

export function normaliseTokens(specs: Record<string, TokenSpec> | undefined): SandboxToken[] {
  const all: Record<string, TokenSpec> = { default: { scopes: FULL_SCOPES, admin: true }, ...specs };
  return Object.entries(all).map(([name, spec], i) => {
    const admin = spec.admin !== false;
    return {
      name,
      value: spec.value ?? `ghp_sandbox_${name.replace(/[^A-Za-z0-9]/g, '_')}`,
      login: spec.login ?? `${name}-bot`,
      userId: 9000 + i,
      scopes: spec.scopes ?? FULL_SCOPES,
      permission: spec.permission ?? (admin ? 'admin' : 'write'),
      repositories: spec.repositories ?? {},
      owner: spec.owner ?? admin,
      deniedStatus: spec.deniedStatus ?? 404,
    };
  });
}

const RANK: Record<RepoPermission, number> = { read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

/** Whether `have` includes `need` (admin ⊃ maintain ⊃ write ⊃ triage ⊃ read). */
export function permits(have: RepoPermission | null, need: RepoPermission): boolean {
  return have !== null && RANK[have] >= RANK[need];
}
