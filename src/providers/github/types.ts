/**
 * What the GitHub provider hands its checks (`ctx.github`). Values are plain
 * JSON, trimmed from GitHub's answers to the fields checks judge, so that a
 * snapshot of a large organisation stays small and replays the same.
 */

export interface GithubTargetOptions {
  org: string;
  /** REST API base URL, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string;
  /** Name of the environment variable that holds the token (never the token itself). */
  tokenEnv: string;
  include?: string[];
  exclude?: string[];
  includeArchived?: boolean;
}

/** GET /orgs/{org}: fields that owners see are `null` when the token cannot see them. */
export interface OrgSettings {
  login: string;
  twoFactorRequirementEnabled: boolean | null;
  defaultRepositoryPermission: string | null;
  /** How many repositories the organisation reports: public ones to anyone, private ones to owners (`null` otherwise). */
  publicRepos?: number;
  totalPrivateRepos?: number | null;
  /** What members (not owners) may do with repositories; `null` when the token is not an owner (GitHub leaves the fields out). */
  memberRepoPrivileges?: MemberRepoPrivileges | null;
}

/**
 * GET /orgs/{org}, owner view: `members_can_create_repositories` (any
 * repository), `members_can_create_{public,private,internal}_repositories`,
 * the closing-down `members_allowed_repository_creation_type` (`all`,
 * `private`, `none`; it ignores internal repositories), and
 * `members_can_delete_repositories` / `members_can_change_repo_visibility`.
 * A field GitHub did not send is `null`.
 */
export interface MemberRepoPrivileges {
  createRepositories: boolean | null;
  createPublic: boolean | null;
  createPrivate: boolean | null;
  createInternal: boolean | null;
  allowedCreationType: string | null;
  deleteRepositories: boolean | null;
  changeVisibility: boolean | null;
}

/** GET /orgs/{org}/actions/permissions/workflow: `read` or `write` for GITHUB_TOKEN, and whether workflows may approve pull requests. */
export interface WorkflowPermissions {
  defaultWorkflowPermissions: string;
  canApprovePullRequestReviews: boolean;
}

/** A workflow file of the default branch (`.github/workflows/*.yml|yaml`), read through GraphQL. */
export interface WorkflowFile {
  path: string;
  /** `null` when GitHub gave no text: a binary blob, or one too large (`isTruncated`); `problem` says which. */
  text: string | null;
  problem?: string;
}

/** Where the security policy is: the first SECURITY.md GitHub would show (`.github/`, root, `docs/`), or `null`. */
export interface SecurityPolicy {
  path: string | null;
}

/** The organisation's `.github` repository, whose SECURITY.md GitHub shows for repositories without their own (only when it is public). */
export interface OrgSecurityPolicy {
  /** `null` when there is no `.github` repository visible to the token. */
  visibility: string | null;
  path: string | null;
}

/** GET /repos/{o}/{r}/code-scanning/default-setup and, when it is not configured, the latest analysis of the default branch. */
export interface CodeScanning {
  /** `configured`, `not-configured`, or `unavailable` (GitHub answered 403: Advanced Security / Code Security is not enabled). */
  defaultSetup: string;
  /** `created_at` of the most recent analysis on the default branch; `null` when there is none or it was not asked (default setup configured). */
  lastAnalysisAt: string | null;
  lastAnalysisTool: string | null;
}

export type AlertKind = 'dependabot' | 'code-scanning' | 'secret-scanning';

/** One open alert from an organisation-level list, trimmed (a secret-scanning alert's secret is never kept). */
export interface OpenAlert {
  repo: string;
  number: number;
  /** critical, high, medium, low; `null` when GitHub gives none (secret scanning, code-scanning rules without a security severity). */
  severity: string | null;
  createdAt: string;
}

export interface Member {
  login: string;
}

/** GET /orgs/{org}/actions/permissions/selected-actions: what `allowed_actions: selected` allows. */
export interface SelectedActions {
  githubOwnedAllowed: boolean;
  verifiedAllowed: boolean;
  patternsAllowed: string[];
}

/** GET /orgs/{org}/actions/permissions, …/permissions/workflow and, when actions are selected, …/selected-actions. */
export interface ActionsPolicy {
  enabledRepositories: string;
  allowedActions: string | null;
  defaultWorkflowPermissions: string;
  canApprovePullRequestReviews: boolean;
  /** Read only when `allowedActions` is `selected`; absent otherwise (and in snapshots taken before it was read). */
  selectedActions?: SelectedActions | null;
}

/** Who a two-factor filter lists: organisation members or outside collaborators. */
export type Affiliation = 'members' | 'outside_collaborators';
/** GitHub's filters: no 2FA at all, or only insecure methods (SMS). */
export type TwoFactorFilter = '2fa_disabled' | '2fa_insecure';

export interface Webhook {
  id: number;
  name: string;
  active: boolean;
  /** Scheme and host only: a webhook URL may carry a credential in its path or query. */
  url: string;
  scheme: string;
  /** GitHub answers the string "0" (verify TLS) or "1" (do not); anything else is recorded as is. */
  insecureSsl: string | null;
  hasSecret: boolean;
}

export type Toggle = 'enabled' | 'disabled';

/** One repository of the organisation list (GET /orgs/{org}/repos). */
export interface RepoSummary {
  name: string;
  fullName: string;
  /** `github:org/repo` */
  resource: string;
  archived: boolean;
  fork: boolean;
  visibility: string;
  defaultBranch: string;
  /** Only admins of the repository receive it; `null` when absent. */
  securityAndAnalysis: Record<string, Toggle | undefined> | null;
}

export type RepoPermission = 'ADMIN' | 'MAINTAIN' | 'WRITE' | 'TRIAGE' | 'READ';

/** A classic branch protection rule (GraphQL BranchProtectionRule). */
export interface ClassicRule {
  pattern: string;
  isAdminEnforced: boolean;
  requiresApprovingReviews: boolean;
  requiredApprovingReviewCount: number | null;
  dismissesStaleReviews: boolean;
  requiresCodeOwnerReviews: boolean;
  allowsForcePushes: boolean;
  allowsDeletions: boolean;
  requiresStatusChecks: boolean;
  requiredStatusCheckContexts: string[];
  /**
   * Actors allowed to bypass the pull-request requirement / to force push
   * (`Team:slug`, `App:slug`, `User:login`); `null` when not collected (only
   * the rule protecting the default branch is asked, through its ref).
   */
  bypassPullRequestActors?: string[] | null;
  bypassForcePushActors?: string[] | null;
}

export interface RulesetRule {
  type: string;
  parameters: Record<string, unknown> | null;
}

export interface BypassActor {
  bypassMode: string | null;
  organizationAdmin: boolean;
  enterpriseOwner: boolean;
  deployKey: boolean;
  repositoryRoleName: string | null;
  repositoryRoleDatabaseId: number | null;
  actor: string | null;
}

export interface Ruleset {
  name: string;
  enforcement: string;
  target: string | null;
  /** Where it is defined: `Repository` or `Organization`. */
  source: string;
  refInclude: string[] | null;
  refExclude: string[];
  rules: RulesetRule[];
  /** `null` when the token may not see who can bypass. */
  bypassActors: BypassActor[] | null;
}

/** One repository as the bulk GraphQL query answered it. */
export interface RepoDetails {
  name: string;
  viewerPermission: RepoPermission | null;
  defaultBranch: string | null;
  hasVulnerabilityAlertsEnabled: boolean | null;
  branchProtectionRules: ClassicRule[] | null;
  rulesets: Ruleset[] | null;
  /** Path of the first CODEOWNERS file GitHub would use, or null. */
  codeownersPath: string | null;
  deployKeys: { title: string; readOnly: boolean }[] | null;
  outsideCollaborators: { login: string; permission: string }[] | null;
  /** Workflow files (`[]` when `.github/workflows` is absent); absent in snapshots taken before they were read. */
  workflows?: WorkflowFile[];
  securityPolicyPath?: string | null;
  /** GraphQL errors by field (`collaborators`: FORBIDDEN …), so a missing field is never read as empty. */
  fieldErrors: Record<string, string>;
}

/** What protects the default branch: the classic rule that matches it and the active rulesets that target it. */
export interface BranchRules {
  branch: string;
  classic: ClassicRule | null;
  rulesets: Ruleset[];
}

export interface Viewer {
  login: string | null;
  scopes: string[] | null;
}

export interface GithubFacts {
  viewer(): Promise<Viewer>;
  orgSettings(): Promise<OrgSettings>;
  membersWithout2fa(): Promise<Member[]>;
  /** Members or outside collaborators that a two-factor filter lists (visible to owners only). */
  twoFactorAccounts(who: Affiliation, filter: TwoFactorFilter): Promise<Member[]>;
  owners(): Promise<Member[]>;
  actionsPolicy(): Promise<ActionsPolicy>;
  orgWebhooks(): Promise<Webhook[]>;
  /** Repositories in scope: include/exclude globs applied, archived ones skipped unless asked. */
  repos(): Promise<RepoSummary[]>;
  /** The organisation's GITHUB_TOKEN default (owners only). */
  workflowPermissions(): Promise<WorkflowPermissions>;
  /** SECURITY.md of the organisation's `.github` repository. */
  orgSecurityPolicy(): Promise<OrgSecurityPolicy>;
  /** Open alerts of one kind across the organisation (one paginated call series per organisation). */
  openAlerts(kind: AlertKind): Promise<OpenAlert[]>;
  /** Workflow files of the default branch; null for an empty repository. */
  workflows(name: string): Promise<WorkflowFile[] | null>;
  /** The repository's own SECURITY.md; null for an empty repository. */
  securityPolicy(name: string): Promise<SecurityPolicy | null>;
  codeScanning(name: string): Promise<CodeScanning>;
  /** Where the CODEOWNERS file is (`path: null` when none of the three paths has one); null for an empty repository. */
  codeowners(name: string): Promise<{ path: string | null } | null>;
  /** Rules on the default branch; throws a `denied` FactError when the token may not see them. */
  branchRules(name: string): Promise<BranchRules | null>;
  vulnerabilityAlerts(name: string): Promise<boolean>;
  deployKeys(name: string): Promise<{ title: string; readOnly: boolean }[]>;
  outsideCollaborators(name: string): Promise<{ login: string; permission: string }[]>;
  repoWebhooks(name: string): Promise<Webhook[]>;
}

declare module '../../core/check.js' {
  interface ProviderFacts {
    github: GithubFacts;
  }
}
