import type { FactScope } from '../../core/facts.js';
import { PERMISSIONS } from '../../judging/github/permissions.js';
import type { GithubClient } from './client.js';
import { graphqlUrl } from './endpoints.js';
import { denied } from './errors.js';
import { fetchOrgSecurityPolicy } from './graphql-repos.js';
import { deniedOn } from './org-facts.js';
import { getAll, getOne } from './rest.js';
import type { AlertKind, CodeScanning, GithubFacts, OpenAlert } from './types.js';
import { textOf } from '../../core/text.js';

type SecurityFacts = Pick<GithubFacts, 'orgSecurityPolicy' | 'openAlerts' | 'codeScanning'>;
type Raw = Record<string, unknown>;

/** GitHub's 403 when the repository has no code-scanning product (Advanced Security, later Code Security) to read. */
const FEATURE_OFF = /(advanced|code) security must be enabled/i;
/** GitHub's 404 to the analyses list of a repository that has none. */
const NO_ANALYSIS = /no analysis found/i;

const ALERT_ROUTES: Record<AlertKind, { route: string; permission: string; severity: (a: Raw) => unknown }> = {
  dependabot: {
    route: 'GET /orgs/{org}/dependabot/alerts',
    permission: PERMISSIONS.dependabotAlerts,
    severity: (a) => (a.security_advisory as Raw | undefined)?.severity ?? (a.security_vulnerability as Raw | undefined)?.severity,
  },
  'code-scanning': {
    route: 'GET /orgs/{org}/code-scanning/alerts',
    permission: PERMISSIONS.codeScanningAlerts,
    // `rule.severity` (error, warning, note) rates code quality; only `security_severity_level` rates a vulnerability.
    severity: (a) => (a.rule as Raw | undefined)?.security_severity_level,
  },
  'secret-scanning': {
    route: 'GET /orgs/{org}/secret-scanning/alerts',
    permission: PERMISSIONS.secretScanningAlerts,
    severity: () => null,
  },
};

/** Only what the verdict needs: never the secret of a secret-scanning alert. */
function trimAlert(kind: AlertKind, a: Raw): OpenAlert {
  const severity = ALERT_ROUTES[kind].severity(a);
  return {
    repo: String((a.repository as Raw).name),
    number: Number(a.number),
    severity: typeof severity === 'string' ? severity : null,
    createdAt: String(a.created_at),
  };
}

function statusOf(err: unknown): { status?: number; message: string } {
  const e = err as { status?: number; message?: string };
  return { status: e.status, message: e.message ?? String(err) };
}

export function securityFacts(
  scope: FactScope,
  client: () => GithubClient,
  org: string,
  apiUrl: string,
  repos: GithubFacts['repos'],
): SecurityFacts {
  return {
    orgSecurityPolicy: () =>
      scope.fact('github.org.securityPolicy', (rec) => fetchOrgSecurityPolicy(rec, client(), graphqlUrl(apiUrl), org)),
    openAlerts: (kind) =>
      scope.fact(`github.org.alerts(${kind},state=open)`, (rec) => {
        const { route, permission } = ALERT_ROUTES[kind];
        return deniedOn([403, 404], permission, `the open ${kind} alerts of ${org}`, async () =>
          // The secret of a secret-scanning alert is dropped here (trimAlert) and by the ETag cache before it is written.
          (await getAll<Raw>(rec, client(), route, { org, state: 'open' })).map((a) => trimAlert(kind, a)),
        );
      }),
    codeScanning: (name) =>
      scope.fact(`github.repo.codeScanning(${name})`, async (rec): Promise<CodeScanning> => {
        const target = `github:${org}/${name}`;
        const params = { owner: org, repo: name };
        let setup: Raw;
        try {
          setup = await getOne<Raw>(rec, client(), 'GET /repos/{owner}/{repo}/code-scanning/default-setup', params, target);
        } catch (err) {
          const { status, message } = statusOf(err);
          if (status === 403 && FEATURE_OFF.test(message))
            return { defaultSetup: 'unavailable', lastAnalysisAt: null, lastAnalysisTool: null };
          if (status === 403 || status === 404)
            throw denied(
              `GitHub answered ${status} to the code-scanning default setup of ${org}/${name}`,
              PERMISSIONS.codeScanningSetup,
              status,
            );
          throw err;
        }
        const defaultSetup = String(setup.state);
        if (defaultSetup === 'configured') return { defaultSetup, lastAnalysisAt: null, lastAnalysisTool: null };
        const branch = (await repos()).find((r) => r.name === name)?.defaultBranch ?? 'main';
        let latest: Raw[];
        try {
          latest = await getOne<Raw[]>(
            rec,
            client(),
            'GET /repos/{owner}/{repo}/code-scanning/analyses',
            { ...params, ref: `refs/heads/${branch}`, per_page: 1 },
            target,
          );
        } catch (err) {
          const { status, message } = statusOf(err);
          if (status === 404 && NO_ANALYSIS.test(message)) latest = [];
          else if (status === 403 || status === 404)
            throw denied(
              `GitHub answered ${status} to the code-scanning analyses of ${org}/${name}`,
              PERMISSIONS.codeScanningSetup,
              status,
            );
          else throw err;
        }
        const last = latest[0];
        return {
          defaultSetup,
          lastAnalysisAt: last ? String(last.created_at) : null,
          lastAnalysisTool: last ? textOf((last.tool as Raw | undefined)?.name ?? 'unknown') : null,
        };
      }),
  };
}
