import { attemptTimeoutMs } from '../../core/attempts.js';
import type { GithubSection } from '../../config/config.js';
import { UsageError } from '../../core/errors.js';
import { withoutCredentials } from '../../core/secrets.js';
import type { Provider, ProviderRuntime, SandboxHandle } from '../../core/provider.js';
import type { Target } from '../../core/types.js';
import { createClient, type GithubClient } from './client.js';
import { DEFAULT_API_URL } from './endpoints.js';
import { classify, inspect } from './errors.js';
import { orgFacts } from './org-facts.js';
import { repoFacts } from './repo-facts.js';
import { securityFacts } from './security-facts.js';
import type { GithubFacts, GithubTargetOptions } from './types.js';

export const DEFAULT_TOKEN_ENV = 'GITHUB_TOKEN';
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;
/** How GitHub's tokens begin (classic, OAuth, user-to-server, server-to-server, refresh, fine-grained). */
const TOKEN_PREFIX = /^(gh[pousr]_|github_pat_)/;
export const SANDBOX_TOKEN_ENV = 'ANNEXA_SANDBOX_GITHUB_TOKEN';

/**
 * The API base URL, without credentials: a user:password or a token in the
 * URL never reaches a target, a log or an evidence file (the token comes
 * from `tokenEnv` only).
 */
function apiUrlOf(section: GithubSection, env: NodeJS.ProcessEnv): string {
  const { url } = withoutCredentials(section.apiUrl ?? env.GITHUB_API_URL ?? DEFAULT_API_URL);
  try {
    const parsed = new URL(url);
    if (!/^https?:$/.test(parsed.protocol)) throw new Error('not http(s)');
  } catch {
    throw new UsageError(`github.apiUrl: "${url}" is not an http(s) URL`);
  }
  return url;
}

export function targetsOf(section: GithubSection, env: NodeJS.ProcessEnv): Target<GithubTargetOptions>[] {
  const orgs = section.orgs ?? [];
  if (orgs.length === 0) return [];
  const tokenEnv = section.tokenEnv ?? DEFAULT_TOKEN_ENV;
  // A token pasted where a variable's name belongs must not be echoed (nor recorded as the name).
  if (!ENV_NAME.test(tokenEnv) || TOKEN_PREFIX.test(tokenEnv))
    throw new UsageError(
      'github.tokenEnv: expected the name of an environment variable (letters, digits and _), not a value; the value given is not shown',
    );
  if (!env[tokenEnv]) {
    throw new UsageError(
      `no GitHub token: set the environment variable ${tokenEnv} to a token that can read the organisation${orgs.length > 1 ? 's' : ''} ${orgs.join(', ')} (see docs/github.md)`,
    );
  }
  const apiUrl = apiUrlOf(section, env);
  const repos = section.repositories ?? {};
  return orgs.map((org) => ({
    provider: 'github',
    id: `github:${org}`,
    resource: `github:${org}`,
    options: { org, apiUrl, tokenEnv, include: repos.include, exclude: repos.exclude, includeArchived: repos.includeArchived ?? false },
  }));
}

export const githubProvider: Provider<'github', GithubTargetOptions, GithubSection> = {
  id: 'github',
  title: 'GitHub',

  async resolveTargets(section, runtime) {
    return targetsOf(section ?? {}, runtime.env);
  },

  facts(target, store, runtime: ProviderRuntime): GithubFacts {
    const scope = store.scope({ target: target.id, pool: 'github', classify, inspect, callTimeoutMs: runtime.callTimeoutMs });
    // Created on first use: a replayed run never needs the token.
    let client: GithubClient | undefined;
    const lazyClient = () => {
      if (!client) {
        const token = runtime.env[target.options.tokenEnv];
        if (!token) throw new UsageError(`no GitHub token: set the environment variable ${target.options.tokenEnv}`);
        client = createClient({
          apiUrl: target.options.apiUrl,
          token,
          log: runtime.log.child({ provider: 'github', target: target.id }),
          timeoutMs: attemptTimeoutMs(runtime.callTimeoutMs),
          stateDir: runtime.stateDir,
          cacheLedger: runtime.cacheLedger,
        });
      }
      return client;
    };
    const org = orgFacts(scope, lazyClient, target.options.org);
    const repo = repoFacts(
      scope,
      lazyClient,
      target.options,
      org.orgSettings,
      runtime.log.child({ provider: 'github', target: target.id }),
    );
    return { ...org, ...repo, ...securityFacts(scope, lazyClient, target.options.org, target.options.apiUrl, repo.repos) };
  },

  async identity(facts, target) {
    const viewer = await facts.viewer();
    return {
      provider: 'github',
      target: target.id,
      principal: viewer.login ?? 'GitHub App installation',
      details: { scopes: viewer.scopes, apiUrl: target.options.apiUrl },
    };
  },

  async sandbox(section, runtime): Promise<SandboxHandle<GithubTargetOptions>> {
    const { startGithubSandbox } = await import('../../sandbox/github/index.js');
    const sandbox = await startGithubSandbox(section as never, { log: runtime.log.child({ sandbox: 'github' }) });
    // The emulator's full-access owner token; runtime.env is this scan's own copy.
    runtime.env[SANDBOX_TOKEN_ENV] = sandbox.tokens.default;
    const targets = targetsOf({ orgs: sandbox.orgs, apiUrl: sandbox.apiUrl, tokenEnv: SANDBOX_TOKEN_ENV }, runtime.env);
    return {
      targets,
      endpoints: { api: sandbox.apiUrl },
      stats: () => sandbox.stats() as unknown as Record<string, unknown>,
      stop: () => sandbox.stop(),
    };
  },
};
