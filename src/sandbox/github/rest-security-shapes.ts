import { createHash } from 'node:crypto';
import type { components } from '@octokit/openapi-types';
import { repoShape, web } from './rest-shapes.js';
import type { AlertSpec, AnalysisSpec, SandboxToken } from './scenario.js';
import { CREATED_AT, type RepoModel } from './world.js';

/** Alerts and code-scanning analyses as GitHub's REST API shapes them (typed by @octokit/openapi-types). */

type Schemas = components['schemas'];

const SIMPLE_REPO_KEYS = [
  'id',
  'node_id',
  'name',
  'full_name',
  'owner',
  'private',
  'html_url',
  'description',
  'fork',
  'url',
  'archive_url',
  'assignees_url',
  'blobs_url',
  'branches_url',
  'collaborators_url',
  'comments_url',
  'commits_url',
  'compare_url',
  'contents_url',
  'contributors_url',
  'deployments_url',
  'downloads_url',
  'events_url',
  'forks_url',
  'git_commits_url',
  'git_refs_url',
  'git_tags_url',
  'issue_comment_url',
  'issue_events_url',
  'issues_url',
  'keys_url',
  'labels_url',
  'languages_url',
  'merges_url',
  'milestones_url',
  'notifications_url',
  'pulls_url',
  'releases_url',
  'stargazers_url',
  'statuses_url',
  'subscribers_url',
  'subscription_url',
  'tags_url',
  'teams_url',
  'trees_url',
  'hooks_url',
] as const;

export function simpleRepoShape(api: string, repo: RepoModel, token: SandboxToken | null): Schemas['simple-repository'] {
  const full = repoShape(api, repo, token) as unknown as Record<string, unknown>;
  return Object.fromEntries(SIMPLE_REPO_KEYS.map((k) => [k, full[k]])) as Schemas['simple-repository'];
}

const sha = (s: string) => createHash('sha1').update(s).digest('hex');
/** Dismissed or fixed alerts carry the date they left the open state; the sandbox uses the creation date. */
const closedAt = (a: AlertSpec, states: string[]) => (states.includes(a.state ?? 'open') ? a.created_at : null);

export function dependabotAlertShape(
  api: string,
  repo: RepoModel,
  a: AlertSpec,
  number: number,
  token: SandboxToken | null,
): Schemas['dependabot-alert-with-repository'] {
  const severity = a.severity ?? 'high';
  const name = a.package ?? 'left-pad';
  const ghsa = `GHSA-${sha(`${repo.fullName}#${number}`).slice(0, 4)}-0000-0000`;
  const pkg = { ecosystem: 'npm', name };
  const vulnerability: Schemas['dependabot-alert-security-vulnerability'] = {
    package: pkg,
    severity,
    vulnerable_version_range: '< 1.0.1',
    first_patched_version: { identifier: '1.0.1' },
  };
  const url = `${api}/repos/${repo.fullName}/dependabot/alerts/${number}`;
  return {
    number,
    state: (a.state ?? 'open') as Schemas['dependabot-alert-with-repository']['state'],
    dependency: { package: pkg, manifest_path: 'package-lock.json', scope: 'runtime', relationship: 'direct' },
    security_advisory: {
      ghsa_id: ghsa,
      cve_id: null,
      summary: `Vulnerability in ${name}`,
      description: `A ${severity} vulnerability in ${name}.`,
      vulnerabilities: [vulnerability],
      severity,
      cvss: { score: 0, vector_string: null },
      cwes: [],
      identifiers: [{ type: 'GHSA', value: ghsa }],
      references: [{ url: `${web(api)}/advisories/${ghsa}` }],
      published_at: a.created_at,
      updated_at: a.created_at,
      withdrawn_at: null,
    },
    security_vulnerability: vulnerability,
    url,
    html_url: `${web(api)}/${repo.fullName}/security/dependabot/${number}`,
    created_at: a.created_at,
    updated_at: a.created_at,
    dismissed_at: closedAt(a, ['dismissed', 'auto_dismissed']),
    dismissed_by: null,
    dismissed_reason: a.state === 'dismissed' ? 'tolerable_risk' : null,
    dismissed_comment: null,
    fixed_at: closedAt(a, ['fixed']),
    auto_dismissed_at: closedAt(a, ['auto_dismissed']),
    repository: simpleRepoShape(api, repo, token),
  };
}

/** The fields every alert kind shares: its number, dates and addresses. */
function alertCommon(api: string, repo: RepoModel, a: AlertSpec, number: number, kind: string) {
  return {
    number,
    created_at: a.created_at,
    updated_at: a.created_at,
    url: `${api}/repos/${repo.fullName}/${kind}/alerts/${number}`,
    html_url: `${web(api)}/${repo.fullName}/security/${kind}/${number}`,
  };
}

export function codeScanningAlertShape(
  api: string,
  repo: RepoModel,
  a: AlertSpec,
  number: number,
  token: SandboxToken | null,
): Schemas['code-scanning-organization-alert-items'] {
  const rule = a.rule ?? 'js/sql-injection';
  const { url, ...common } = alertCommon(api, repo, a, number, 'code-scanning');
  return {
    ...common,
    url,
    instances_url: `${url}/instances`,
    state: (a.state ?? 'open') as Schemas['code-scanning-alert-state'],
    fixed_at: closedAt(a, ['fixed']),
    dismissed_by: null,
    dismissed_at: closedAt(a, ['dismissed']),
    dismissed_reason: a.state === 'dismissed' ? "won't fix" : null,
    rule: {
      id: rule,
      name: rule,
      // Quality rules have no security severity: the scenario leaves `severity` out for them.
      severity: a.severity ? 'error' : 'warning',
      security_severity_level: a.severity ?? null,
      description: `Finding of ${rule}`,
      tags: a.severity ? ['security'] : ['maintainability'],
    },
    tool: { name: 'CodeQL', version: '2.20.0', guid: null },
    most_recent_instance: {
      ref: `refs/heads/${repo.defaultBranch}`,
      analysis_key: '.github/workflows/codeql.yml:analyze',
      environment: '{}',
      category: '.github/workflows/codeql.yml:analyze',
      state: (a.state ?? 'open') as Schemas['code-scanning-alert-state'],
      commit_sha: 'f'.repeat(40),
      message: { text: `Finding of ${rule}` },
      location: { path: 'src/index.js', start_line: 1, end_line: 1, start_column: 1, end_column: 10 },
      classifications: [],
    },
    repository: simpleRepoShape(api, repo, token),
  };
}

export function secretScanningAlertShape(
  api: string,
  repo: RepoModel,
  a: AlertSpec,
  number: number,
  token: SandboxToken | null,
): Schemas['organization-secret-scanning-alert'] {
  const type = a.secret_type ?? 'github_personal_access_token';
  const { url, ...common } = alertCommon(api, repo, a, number, 'secret-scanning');
  return {
    ...common,
    url,
    locations_url: `${url}/locations`,
    state: (a.state ?? 'open') === 'open' ? 'open' : 'resolved',
    resolution: (a.state ?? 'open') === 'open' ? null : 'revoked',
    resolved_at: closedAt(a, ['resolved']),
    resolved_by: null,
    secret_type: type,
    secret_type_display_name: type,
    // A fake secret: the client must never keep it (annexa trims it away).
    secret: `ghp_sandboxFAKE${sha(`${repo.fullName}#${number}`).slice(0, 20)}`,
    repository: simpleRepoShape(api, repo, token),
    push_protection_bypassed: false,
    push_protection_bypassed_by: null,
    push_protection_bypassed_at: null,
    resolution_comment: null,
    validity: 'unknown',
    publicly_leaked: false,
    multi_repo: false,
  };
}

export function analysisShape(api: string, repo: RepoModel, a: AnalysisSpec, id: number): Schemas['code-scanning-analysis'] {
  return {
    ref: a.ref ?? `refs/heads/${repo.defaultBranch}`,
    commit_sha: sha(`${repo.fullName}@${a.created_at}`),
    analysis_key: '.github/workflows/codeql.yml:analyze',
    environment: '{}',
    category: '.github/workflows/codeql.yml:analyze',
    error: '',
    created_at: a.created_at,
    results_count: 0,
    rules_count: 100,
    id,
    url: `${api}/repos/${repo.fullName}/code-scanning/analyses/${id}`,
    sarif_id: sha(`sarif ${repo.fullName} ${id}`).slice(0, 36),
    tool: { name: a.tool ?? 'CodeQL', version: '2.20.0', guid: null },
    deletable: true,
    warning: '',
  };
}

export function defaultSetupShape(state: 'configured' | 'not-configured'): Schemas['code-scanning-default-setup'] {
  return {
    state,
    languages: state === 'configured' ? ['javascript-typescript'] : [],
    query_suite: 'default',
    runner_type: 'standard',
    runner_label: null,
    updated_at: state === 'configured' ? CREATED_AT : null,
    schedule: state === 'configured' ? 'weekly' : null,
  };
}
