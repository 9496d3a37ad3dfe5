import type { FactScope } from '../../core/facts.js';
import type { GithubClient } from './client.js';
import { denied } from './errors.js';
import { trimHook } from './hooks.js';
import { PERMISSIONS } from '../../judging/github/permissions.js';
import { expectShape } from '../../core/answer-shape.js';
import { answerSchema } from './answers.js';
import { getAll, getOne } from './rest.js';
import type {
  ActionsPolicy,
  Affiliation,
  GithubFacts,
  Member,
  MemberRepoPrivileges,
  OrgSettings,
  SelectedActions,
  TwoFactorFilter,
  Viewer,
  WorkflowPermissions,
} from './types.js';

/** A 403/404/422 on a route the token may not use, as a denial naming what it needs. */
export async function deniedOn<T>(statuses: number[], permission: string, what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status !== undefined && statuses.includes(status) && !/rate limit/i.test((err as Error).message)) {
      throw denied(`GitHub answered ${status} to ${what}`, permission, status);
    }
    throw err;
  }
}

/** GitHub's answer to GET /user with an App installation token. */
const APP_INSTALLATION = /resource not accessible by integration/i;

type OrgFacts = Pick<
  GithubFacts,
  'viewer' | 'orgSettings' | 'membersWithout2fa' | 'twoFactorAccounts' | 'owners' | 'actionsPolicy' | 'workflowPermissions' | 'orgWebhooks'
>;

export function orgFacts(scope: FactScope, client: () => GithubClient, org: string): OrgFacts {
  const workflowPermissions = () =>
    scope.fact('github.org.workflowPermissions', (rec) =>
      deniedOn([403, 404], PERMISSIONS.orgOwner, 'the default workflow permissions', async (): Promise<WorkflowPermissions> => {
        const w = await getOne<Record<string, unknown>>(rec, client(), 'GET /orgs/{org}/actions/permissions/workflow', { org });
        return {
          defaultWorkflowPermissions: String(w.default_workflow_permissions),
          // Fail closed: an answer without the field is read as "workflows may approve".
          canApprovePullRequestReviews: w.can_approve_pull_request_reviews !== false,
        };
      }),
    );
  const login = (m: { login: string }): Member => ({ login: m.login });
  // GitHub lets only owners filter by 2FA: members answer 422 to others, outside collaborators 403.
  const twoFactorAccounts = (who: Affiliation, filter: TwoFactorFilter) =>
    scope.fact(`github.org.${who}(filter=${filter})`, (rec) =>
      deniedOn([403, 404, 422], PERMISSIONS.ownerMembers, `the ${filter} filter of ${who.replace('_', ' ')}`, async () =>
        (await getAll<{ login: string }>(rec, client(), `GET /orgs/{org}/${who}`, { org, filter })).map(login),
      ),
    );
  return {
    viewer: () =>
      scope.fact('github.viewer', async (rec): Promise<Viewer> => {
        try {
          const res = await rec.call({ operation: 'GET /user' }, (signal) => client().request('GET /user', { request: { signal } }));
          return {
            login: expectShape<{ login: string }>('GET /user', answerSchema('GET /user'), res.data).login,
            scopes: scopesOf(res.headers),
          };
        } catch (err) {
          // A GitHub App installation token has no user behind it: GitHub says so in these words.
          // Any other refusal is an unreadable identity, not an installation.
          const e = err as { status?: number; message?: string; response?: { headers?: Record<string, string> } };
          if (e.status === 403 && APP_INSTALLATION.test(e.message ?? ''))
            return { login: null, scopes: scopesOf(e.response?.headers ?? {}) };
          throw err;
        }
      }),
    orgSettings: () =>
      scope.fact('github.org.settings', async (rec): Promise<OrgSettings> => {
        const data = await getOne<Record<string, unknown>>(rec, client(), 'GET /orgs/{org}', { org });
        return {
          login: String(data.login),
          twoFactorRequirementEnabled:
            typeof data.two_factor_requirement_enabled === 'boolean' ? data.two_factor_requirement_enabled : null,
          defaultRepositoryPermission: typeof data.default_repository_permission === 'string' ? data.default_repository_permission : null,
          publicRepos: data.public_repos as number,
          // Shown to owners only: without it the organisation's private repositories are not counted.
          totalPrivateRepos: typeof data.total_private_repos === 'number' ? data.total_private_repos : null,
          memberRepoPrivileges: memberRepoPrivilegesOf(data),
        };
      }),
    membersWithout2fa: () => twoFactorAccounts('members', '2fa_disabled'),
    twoFactorAccounts,
    owners: () =>
      scope.fact('github.org.members(role=admin)', (rec) =>
        deniedOn([403, 404], PERMISSIONS.members, 'the list of owners', async () =>
          (await getAll<{ login: string }>(rec, client(), 'GET /orgs/{org}/members', { org, role: 'admin' })).map(login),
        ),
      ),
    // One read of the workflow token settings, whichever of the two facts asks first.
    workflowPermissions,
    actionsPolicy: () =>
      scope.fact('github.org.actionsPolicy', async (rec) => {
        const workflow = await workflowPermissions();
        return deniedOn([403, 404], PERMISSIONS.orgOwner, 'the Actions permissions', async (): Promise<ActionsPolicy> => {
          const perms = await getOne<Record<string, unknown>>(rec, client(), 'GET /orgs/{org}/actions/permissions', { org });
          const allowedActions = typeof perms.allowed_actions === 'string' ? perms.allowed_actions : null;
          const selected =
            allowedActions === 'selected'
              ? await getOne<Record<string, unknown>>(rec, client(), 'GET /orgs/{org}/actions/permissions/selected-actions', { org })
              : null;
          return {
            enabledRepositories: String(perms.enabled_repositories),
            allowedActions,
            ...workflow,
            selectedActions: selected && selectedActionsOf(selected),
          };
        });
      }),
    orgWebhooks: () =>
      scope.fact('github.org.hooks', (rec) =>
        deniedOn([403, 404], PERMISSIONS.orgHooks, 'the organization webhooks', async () =>
          (await getAll<Parameters<typeof trimHook>[0]>(rec, client(), 'GET /orgs/{org}/hooks', { org })).map(trimHook),
        ),
      ),
  };
}

/** The owner-only member privileges of GET /orgs/{org}; `null` when GitHub sent none of them (not an owner). */
function memberRepoPrivilegesOf(data: Record<string, unknown>): MemberRepoPrivileges | null {
  const flag = (k: string) => (typeof data[k] === 'boolean' ? data[k] : null);
  const p: MemberRepoPrivileges = {
    createRepositories: flag('members_can_create_repositories'),
    createPublic: flag('members_can_create_public_repositories'),
    createPrivate: flag('members_can_create_private_repositories'),
    createInternal: flag('members_can_create_internal_repositories'),
    allowedCreationType:
      typeof data.members_allowed_repository_creation_type === 'string' ? data.members_allowed_repository_creation_type : null,
    deleteRepositories: flag('members_can_delete_repositories'),
    changeVisibility: flag('members_can_change_repo_visibility'),
  };
  return Object.values(p).every((v) => v === null) ? null : p;
}

function selectedActionsOf(raw: Record<string, unknown>): SelectedActions {
  return {
    githubOwnedAllowed: raw.github_owned_allowed === true,
    verifiedAllowed: raw.verified_allowed === true,
    patternsAllowed: Array.isArray(raw.patterns_allowed) ? raw.patterns_allowed.filter((p): p is string => typeof p === 'string') : [],
  };
}

function scopesOf(headers: Record<string, unknown>): string[] | null {
  const raw = headers['x-oauth-scopes'];
  if (typeof raw !== 'string') return null;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();
}
