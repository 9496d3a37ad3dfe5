import picomatch from 'picomatch';
import type { Logger } from 'pino';
import { CODEOWNERS_PATHS, SECURITY_POLICY_PATHS, WORKFLOWS_DIR } from './graphql-query.js';
import { FactError } from '../../core/facts.js';
import type { FactScope } from '../../core/facts.js';
import { branchRulesOf } from './branch-rules.js';
import type { GithubClient } from './client.js';
import { graphqlUrl } from './endpoints.js';
import { denied } from './errors.js';
import { BATCH_SIZE } from './graphql-query.js';
import { fetchRepoBatch } from './graphql-repos.js';
import { trimHook } from './hooks.js';
import { PERMISSIONS } from '../../judging/github/permissions.js';
import { deniedOn } from './org-facts.js';
import { getAll } from './rest.js';
import type { GithubFacts, GithubTargetOptions, RepoDetails, RepoSummary, Toggle } from './types.js';

type RepoFacts = Omit<
  GithubFacts,
  | 'viewer'
  | 'orgSettings'
  | 'membersWithout2fa'
  | 'twoFactorAccounts'
  | 'owners'
  | 'actionsPolicy'
  | 'orgWebhooks'
  | 'workflowPermissions'
  | 'orgSecurityPolicy'
  | 'openAlerts'
  | 'codeScanning'
>;

interface RawRepo {
  name: string;
  full_name: string;
  archived?: boolean;
  fork?: boolean;
  visibility?: string;
  private?: boolean;
  default_branch?: string;
  security_and_analysis?: Record<string, { status?: Toggle } | undefined> | null;
}

/** Include/exclude globs over repository names, archived repositories skipped unless asked. */
export function inScope(options: Pick<GithubTargetOptions, 'include' | 'exclude' | 'includeArchived'>) {
  const include = options.include?.length ? picomatch(options.include) : () => true;
  const exclude = options.exclude?.length ? picomatch(options.exclude) : () => false;
  return (r: { name: string; archived: boolean }) =>
    include(r.name) && !exclude(r.name) && (options.includeArchived === true || !r.archived);
}

function summarise(org: string, r: RawRepo): RepoSummary {
  const sa = r.security_and_analysis;
  return {
    name: r.name,
    fullName: r.full_name,
    resource: `github:${r.full_name ?? `${org}/${r.name}`}`,
    archived: r.archived === true,
    fork: r.fork === true,
    visibility: r.visibility ?? (r.private ? 'private' : 'public'),
    defaultBranch: r.default_branch ?? 'main',
    securityAndAnalysis: sa ? Object.fromEntries(Object.entries(sa).map(([k, v]) => [k, v?.status])) : null,
  };
}

const RANK = ['READ', 'TRIAGE', 'WRITE', 'MAINTAIN', 'ADMIN'];
const atLeast = (d: RepoDetails, perm: string) => RANK.indexOf(d.viewerPermission ?? '') >= RANK.indexOf(perm);

/** A field the query could not read for this repository (FORBIDDEN, truncated …), as a FactError. */
function fieldError(d: RepoDetails, field: string, permission: string): FactError | undefined {
  const hit = Object.entries(d.fieldErrors).find(([path]) => path === field || path.startsWith(`${field}.`) || path === 'repository');
  if (!hit) return undefined;
  const message = `${d.name}: ${field} could not be read (${hit[1]})`;
  return hit[1].startsWith('TRUNCATED') ? new FactError({ kind: 'other', message }) : denied(message, permission);
}

/** A path looked up as `<alias><i>` that could not be read is not a missing file: throw its error. */
function assertReadable(d: RepoDetails, alias: string, paths: readonly string[]): void {
  paths.forEach((path, i) => {
    const err = fieldError(d, `${alias}${i}`, `read access to ${path}`);
    if (err) throw err;
  });
}

/**
 * A list that comes back empty may be empty, or hidden from the token:
 * below `perm`, GitHub does not say which, so emptiness is not a fact.
 */
function visible<T>(d: RepoDetails, field: string, value: T[] | null, perm: string, permission: string): T[] {
  const err = fieldError(d, field, permission);
  if (err) throw err;
  if (value === null) throw denied(`${d.name}: ${field} was not returned`, permission);
  if (value.length === 0 && !atLeast(d, perm)) {
    throw denied(
      `${d.name}: an empty ${field} list cannot be told apart from a hidden one with ${d.viewerPermission ?? 'no'} permission`,
      permission,
    );
  }
  return value;
}

export function repoFacts(
  scope: FactScope,
  client: () => GithubClient,
  options: GithubTargetOptions,
  orgSettings: GithubFacts['orgSettings'],
  log: Logger,
): RepoFacts {
  const { org } = options;
  const repos = () =>
    scope.fact('github.org.repos', async (rec) => {
      const raw = await getAll<RawRepo>(rec, client(), 'GET /orgs/{org}/repos', { org, type: 'all', sort: 'full_name' });
      await warnIfPartial(raw.length);
      return raw.map((r) => summarise(org, r)).filter(inScope(options));
    });

  /**
   * A token that sees part of the organisation (a public-only token sees its
   * public repositories) lists fewer than the organisation reports: say so.
   * The counts are on record in github.org.settings and github.org.repos.
   */
  const warnIfPartial = async (visible: number) => {
    const settings = await orgSettings().catch(() => undefined);
    if (settings?.publicRepos === undefined) return;
    const reported = settings.publicRepos + (settings.totalPrivateRepos ?? 0);
    const privateUnknown = settings.totalPrivateRepos === null || settings.totalPrivateRepos === undefined;
    if (visible < reported || privateUnknown) {
      log.warn(
        { org, visible, reported, privateReposCounted: !privateUnknown },
        privateUnknown
          ? `the token lists ${visible} repositories of ${org}; the organisation reports ${settings.publicRepos} public ones and does not show this token its private count`
          : `the token sees ${visible} of the ${reported} repositories ${org} reports: the others are not scanned`,
      );
    }
  };

  const batchOf = async (name: string) => {
    const list = await repos();
    const index = list.findIndex((r) => r.name === name);
    if (index < 0) throw new FactError({ kind: 'missing', message: `repository ${org}/${name} is not in scope` });
    const start = index - (index % BATCH_SIZE);
    const names = list.slice(start, start + BATCH_SIZE).map((r) => r.name);
    const key = `github.repos.graphql(${names[0]}..${names[names.length - 1]})`;
    return scope.fact(key, (rec) => fetchRepoBatch(rec, client(), graphqlUrl(options.apiUrl), org, names));
  };

  const repoDetails = async (name: string): Promise<RepoDetails> => {
    const entry = (await batchOf(name))[name];
    if (!entry) throw new FactError({ kind: 'missing', message: `repository ${org}/${name} is missing from the GraphQL answer` });
    if ('error' in entry) {
      const kind = /FORBIDDEN/.test(entry.error) ? 'denied' : 'not_found';
      throw new FactError({
        kind,
        message: `repository ${org}/${name}: ${entry.error}`,
        permission: kind === 'denied' ? 'read access to the repository' : undefined,
      });
    }
    return entry;
  };

  return {
    repos,
    async branchRules(name) {
      const d = await repoDetails(name);
      for (const field of ['branchProtectionRules', 'rulesets', 'defaultBranchRef']) {
        const err = fieldError(d, field, PERMISSIONS.repoAdmin);
        if (err) throw err;
      }
      if (d.rulesets === null) throw denied(`${name}: rulesets were not returned`, PERMISSIONS.repoAdmin);
      const classic = visible(d, 'branchProtectionRules', d.branchProtectionRules, 'ADMIN', PERMISSIONS.repoAdmin);
      return branchRulesOf(d.defaultBranch, classic, d.rulesets);
    },
    async codeowners(name) {
      const d = await repoDetails(name);
      if (!d.defaultBranch) return null;
      assertReadable(d, 'codeowners', CODEOWNERS_PATHS);
      return { path: d.codeownersPath };
    },
    async workflows(name) {
      const d = await repoDetails(name);
      if (!d.defaultBranch) return null;
      const err = fieldError(d, 'workflows', `read access to ${WORKFLOWS_DIR}`);
      if (err) throw err;
      if (!d.workflows)
        throw new FactError({ kind: 'missing', message: `${name}: workflow files were not read (a snapshot older than the check)` });
      return d.workflows;
    },
    async securityPolicy(name) {
      const d = await repoDetails(name);
      if (!d.defaultBranch) return null;
      assertReadable(d, 'security', SECURITY_POLICY_PATHS);
      if (d.securityPolicyPath === undefined)
        throw new FactError({ kind: 'missing', message: `${name}: SECURITY.md was not looked for (a snapshot older than the check)` });
      return { path: d.securityPolicyPath };
    },
    async vulnerabilityAlerts(name) {
      const d = await repoDetails(name);
      const err = fieldError(d, 'hasVulnerabilityAlertsEnabled', PERMISSIONS.repoAdmin);
      if (err) throw err;
      if (d.hasVulnerabilityAlertsEnabled === null || (!d.hasVulnerabilityAlertsEnabled && !atLeast(d, 'ADMIN'))) {
        throw denied(`${name}: whether vulnerability alerts are enabled is shown to repository admins only`, PERMISSIONS.repoAdmin);
      }
      return d.hasVulnerabilityAlertsEnabled;
    },
    async deployKeys(name) {
      const d = await repoDetails(name);
      return visible(d, 'deployKeys', d.deployKeys, 'ADMIN', PERMISSIONS.repoAdmin);
    },
    async outsideCollaborators(name) {
      const d = await repoDetails(name);
      return visible(d, 'collaborators', d.outsideCollaborators, 'WRITE', PERMISSIONS.collaborators);
    },
    repoWebhooks: (name) =>
      scope.fact(`github.repo.hooks(${name})`, (rec) =>
        deniedOn([403, 404], PERMISSIONS.repoHooks, `the webhooks of ${org}/${name}`, async () =>
          (
            await getAll<Parameters<typeof trimHook>[0]>(
              rec,
              client(),
              'GET /repos/{owner}/{repo}/hooks',
              { owner: org, repo: name },
              { target: `github:${org}/${name}` },
            )
          ).map(trimHook),
        ),
      ),
  };
}
