import { expandGenerated } from './large-org.js';
import { orgRoutes } from './rest-org-routes.js';
import { repoRoutes } from './rest-repo-routes.js';
import { securityRoutes } from './rest-security-routes.js';
import type { GithubScenario } from './scenario.js';
import { startServer, type Stats } from './server.js';
import { buildWorld } from './world.js';

export type { GithubScenario, TokenSpec, OrgSpec, RepoSpec, RulesetSpec, ProtectionSpec, HookSpec, FaultSpec } from './scenario.js';
export type { Stats as GithubSandboxStats } from './server.js';
export { generateLargeOrg } from './large-org.js';

export interface GithubSandbox {
  /** REST base, `http://127.0.0.1:PORT`; GraphQL at `${apiUrl}/graphql`. */
  apiUrl: string;
  /** Token name → token value; a full-access token is under `default`. */
  tokens: Record<string, string>;
  orgs: string[];
  stats(): Stats;
  resetStats(): void;
  stop(): Promise<void>;
}

export interface GithubSandboxOptions {
  log?: { debug(obj: object, msg?: string): void };
}

/** Starts the GitHub REST and GraphQL emulator for a scenario's `github` section, on an ephemeral loopback port. */
export async function startGithubSandbox(scenario: GithubScenario, options: GithubSandboxOptions = {}): Promise<GithubSandbox> {
  const world = buildWorld(expandGenerated(scenario));
  const { graphqlEndpoint } = await import('./graphql/endpoint.js');
  let apiUrl = '';
  const graphql = await graphqlEndpoint(world, () => apiUrl);
  const running = await startServer({
    world,
    scenario,
    routes: [...orgRoutes, ...repoRoutes, ...securityRoutes],
    graphql,
    log: options.log,
  });
  apiUrl = running.apiUrl;
  return {
    apiUrl: running.apiUrl,
    tokens: Object.fromEntries(world.tokens.map((t) => [t.name, t.value])),
    orgs: world.orgs.map((o) => o.login),
    stats: () => structuredClone(running.stats),
    resetStats: running.resetStats,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        running.server.closeAllConnections();
        running.server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
