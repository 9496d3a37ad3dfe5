import type { GithubScenario, MemberSpec, RepoSpec } from './scenario.js';

export interface LargeOrgOptions {
  /** Organisation login (default `bigcorp`). */
  org?: string;
  /** Extra top-level scenario keys: tokens, rate limits, faults. */
  scenario?: Omit<GithubScenario, 'orgs' | 'generate'>;
}

/**
 * A large organisation for pagination and budget tests and benchmarks:
 * `repos` repositories and `members` members, deterministic, with a mix that
 * exercises every check (a quarter classic protection, a quarter rulesets,
 * the rest unprotected; every 25th archived; files, hooks, keys, outside
 * collaborators, workflows, security policies, code scanning and alerts
 * spread across them).
 */
export function generateLargeOrg(repos: number, members: number, options: LargeOrgOptions = {}): GithubScenario {
  const org = options.org ?? 'bigcorp';
  const people: MemberSpec[] = Array.from({ length: members }, (_, i) => ({
    login: `user${String(i).padStart(5, '0')}`,
    role: i < 3 ? 'admin' : 'member',
    two_factor: i % 97 !== 13,
  }));
  return {
    ...options.scenario,
    orgs: [
      {
        login: org,
        name: `${org} (generated)`,
        settings: {
          two_factor_requirement_enabled: false,
          default_repository_permission: 'read',
          members_can_create_public_repositories: false,
          members_can_delete_repositories: false,
          members_can_change_repo_visibility: true,
        },
        members: people,
        actions: { allowed_actions: 'selected', default_workflow_permissions: 'read' },
        hooks: [{ url: `https://hooks.${org}.example/github`, insecure_ssl: '0', secret: true }],
        repos: Array.from({ length: repos }, (_, i) => repo(i, members)),
      },
    ],
  };
}

function repo(i: number, members: number): RepoSpec {
  const name = `service-${String(i).padStart(5, '0')}`;
  const spec: RepoSpec = {
    name,
    visibility: i % 10 === 0 ? 'public' : i % 10 === 1 ? 'internal' : 'private',
    archived: i % 25 === 24,
    security_and_analysis: {
      secret_scanning: i % 3 === 0 ? 'disabled' : 'enabled',
      secret_scanning_push_protection: i % 3 === 2 ? 'enabled' : 'disabled',
    },
    vulnerability_alerts: i % 5 !== 0,
  };
  if (i % 4 === 0) {
    spec.branch_protection = [
      {
        pattern: 'main',
        pull_request: { approvals: 1 + (i % 2), dismiss_stale: i % 8 === 0, code_owners: i % 16 === 0 },
        status_checks: i % 8 === 0 ? { strict: true, contexts: ['ci'] } : undefined,
        enforce_admins: i % 8 === 0,
      },
    ];
  } else if (i % 4 === 1) {
    spec.rulesets = [
      {
        name: 'default-branch',
        include: ['~DEFAULT_BRANCH'],
        rules: {
          pull_request: { required_approving_review_count: 1, dismiss_stale_reviews_on_push: true, require_code_owner_review: i % 3 === 0 },
          required_status_checks: { contexts: ['build'] },
          non_fast_forward: true,
          deletion: true,
        },
      },
    ];
  }
  if (i % 2 === 0) spec.files = { [['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS'][i % 3]]: '* @team\n' };
  securityFeatures(spec, i);
  if (i % 7 === 0)
    spec.hooks = [{ url: `${i % 14 === 0 ? 'http' : 'https'}://ci.example/${name}`, insecure_ssl: '0', secret: i % 14 !== 0 }];
  if (i % 6 === 0) spec.deploy_keys = [{ title: `deploy-${name}`, read_only: i % 12 !== 0 }];
  if (i % 9 === 0) {
    spec.collaborators = [
      { login: `user${String(i % Math.max(1, members)).padStart(5, '0')}`, permission: 'write' },
      { login: `vendor-${i % 20}`, permission: i % 18 === 0 ? 'admin' : 'read' },
    ];
  }
  return spec;
}

const PINNED = 'actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11';
/** Workflow files, SECURITY.md, code scanning and alerts, spread so that each new check passes and fails somewhere. */
function securityFeatures(spec: RepoSpec, i: number) {
  const files = (spec.files ??= {});
  if (i % 3 === 0)
    files['.github/workflows/ci.yml'] =
      `on: [push]\n${i % 6 === 0 ? 'permissions: { contents: read }\n' : ''}jobs:\n  test:\n    runs-on: ubuntu-latest\n` +
      `    steps:\n      - uses: ${i % 9 === 0 ? 'actions/checkout@v4' : PINNED}\n      - run: make test\n`;
  if (i % 4 === 0) files[i % 8 === 0 ? 'SECURITY.md' : '.github/SECURITY.md'] = 'Report to security@example.com\n';
  // Most repositories use default setup; the others uploaded analyses (one in four of them none at all: 404).
  spec.code_scanning =
    i % 5 !== 3
      ? { default_setup: 'configured' }
      : {
          default_setup: 'not-configured',
          analyses: i % 20 === 3 ? [] : [{ created_at: i % 2 ? '2026-05-20T00:00:00Z' : '2025-01-01T00:00:00Z' }],
        };
  spec.alerts = {
    dependabot:
      i % 11 === 0
        ? [
            { created_at: '2026-01-10T00:00:00Z', severity: 'critical' },
            { created_at: '2026-05-25T00:00:00Z', severity: 'high' },
          ]
        : [],
    code_scanning: i % 13 === 0 ? [{ created_at: '2026-05-28T00:00:00Z', severity: 'medium' }] : [],
    secret_scanning: i % 17 === 0 ? [{ created_at: '2026-03-01T00:00:00Z' }] : [],
  };
}

/** The scenario with its `generate:` organisation expanded into `orgs`. */
export function expandGenerated(scenario: GithubScenario): GithubScenario {
  if (!scenario.generate) return scenario;
  const { org, repos, members } = scenario.generate;
  return { ...scenario, generate: undefined, orgs: [...(scenario.orgs ?? []), ...(generateLargeOrg(repos, members, { org }).orgs ?? [])] };
}
