import { GraphQLError } from 'graphql';
import { nodeId, userId } from '../rest-shapes.js';
import type { SandboxToken } from '../scenario.js';
import { isOrgAdmin, repoPermission, type OrgModel, type World } from '../world.js';
import { connection, type PageArgs } from './connection.js';
import { repositoryModel } from './repository.js';

export interface RateLimitView {
  cost: number;
  limit: number;
  nodeCount: number;
  remaining: number;
  used: number;
  resetAt: string;
}

export interface GraphqlContext {
  world: World;
  token: SandboxToken;
  /** GitHub's web host, for `url` fields. */
  web: string;
  rateLimit: RateLimitView;
}

const notFound = (message: string) => new GraphQLError(message, { extensions: { type: 'NOT_FOUND' } });

function userModel(login: string, id = userId(login)) {
  return { __typename: 'User', login, id: nodeId('U', id), databaseId: id, name: login };
}

function organizationModel(org: OrgModel, ctx: GraphqlContext) {
  const owner = isOrgAdmin(ctx.token);
  return {
    __typename: 'Organization',
    id: nodeId('O', org.id),
    databaseId: org.id,
    login: org.login,
    name: org.name,
    url: `${ctx.web}/${org.login}`,
    viewerIsAMember: true,
    viewerCanAdminister: owner,
    // Only owners see whether 2FA is required, and who has it on.
    requiresTwoFactorAuthentication: owner ? (org.spec.settings?.two_factor_requirement_enabled ?? false) : null,
    membersWithRole: (args: PageArgs) =>
      connection(org.members, args, (m) => ({
        node: userModel(m.login),
        role: m.role.toUpperCase(),
        hasTwoFactorEnabled: owner ? m.two_factor : null,
      })),
    repositories: (args: PageArgs & { privacy?: string; visibility?: string; isArchived?: boolean; isFork?: boolean }) => {
      const repos = org.repos.filter(
        (r) =>
          repoPermission(ctx.token, r) !== null &&
          (!args.privacy || (args.privacy === 'PUBLIC') === (r.visibility === 'public')) &&
          (!args.visibility || args.visibility === r.visibility.toUpperCase()) &&
          (typeof args.isArchived !== 'boolean' || args.isArchived === r.archived) &&
          (typeof args.isFork !== 'boolean' || args.isFork === (r.spec.fork ?? false)),
      );
      return connection(repos, args, undefined, (r) => repositoryModel(r, ctx));
    },
    repository: (args: { name: string }) => {
      const repo = org.repo(args.name);
      return repo && repoPermission(ctx.token, repo) !== null ? repositoryModel(repo, ctx) : null;
    },
  };
}

/** The Query root over the scenario. */
export function queryRoot(ctx: GraphqlContext) {
  const organization = (args: { login: string }) => {
    const org = ctx.world.org(args.login);
    if (!org) throw notFound(`Could not resolve to an Organization with the login of '${args.login}'.`);
    return organizationModel(org, ctx);
  };
  return {
    viewer: userModel(ctx.token.login, ctx.token.userId),
    rateLimit: ctx.rateLimit,
    organization,
    repositoryOwner: (args: { login: string }) => (ctx.world.org(args.login) ? organization(args) : null),
    /** `node(id:)` for the objects annexa follows up by id: repository rulesets (their rules and bypass actors past the first page). */
    node: (args: { id: string }) => {
      for (const org of ctx.world.orgs) {
        for (const repo of org.repos) {
          if (repoPermission(ctx.token, repo) === null) continue;
          const found = repositoryModel(repo, ctx).rulesetById(args.id);
          if (found) return found;
        }
      }
      throw notFound(`Could not resolve to a node with the global id of '${args.id}'`);
    },
    repository: (args: { owner: string; name: string }) => {
      const repo = ctx.world.org(args.owner)?.repo(args.name);
      if (!repo || repoPermission(ctx.token, repo) === null)
        throw notFound(`Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`);
      return repositoryModel(repo, ctx);
    },
  };
}
