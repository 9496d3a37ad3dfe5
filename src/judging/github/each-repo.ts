import type { CheckContext } from '../../core/check.js';
import type { Result } from '../../core/types.js';
import type { RepoSummary } from '../../providers/github/types.js';

/** The message a repository check shows for an organisation with no repository in scope. */
export const NO_REPOS = { noRepos: 'No repository of {org} is in scope' };

/** The message of the default-branch checks for a repository without commits. */
export const EMPTY_REPO = { empty: 'The repository is empty (no default branch)' };

/**
 * Judges each repository in scope on its own (a fact missing for one is an
 * `error` for that one only); an organisation with none in scope is one
 * `not_applicable` result, rather than silence.
 */
export async function eachRepo(
  ctx: CheckContext<'github', 'noRepos'>,
  judge: (repo: RepoSummary) => Promise<Result | Result[]>,
): Promise<Result[]> {
  const repos = await ctx.github.repos();
  if (repos.length === 0) return [ctx.notApplicable(ctx.target.resource, 'noRepos', { org: ctx.target.resource.replace(/^github:/, '') })];
  return ctx.each(repos, (r) => r.resource, judge);
}
