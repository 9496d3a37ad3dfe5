import { defineCheck } from '../../src/core/check.js';
import { NO_REPOS, eachRepo } from '../../src/judging/github/each-repo.js';

const DAY = 86_400_000;

export default defineCheck({
  meta: {
    id: 'github.repo.code-scanning',
    title: 'Code scanning analyses the default branch',
    provider: 'github',
    severity: 'medium',
    description:
      'GET /repos/{owner}/{repo}/code-scanning/default-setup: state "configured" (CodeQL default setup runs on pushes, pull requests and a ' +
      'weekly schedule) passes. Otherwise ("not-configured": advanced setup or a third-party tool may still upload) the most recent analysis ' +
      'of the default branch (GET …/code-scanning/analyses?ref=refs/heads/<branch>) must be at most maxAnalysisAgeDays old; GitHub answers ' +
      '404 "no analysis found" when there is none, which fails. A 403 saying Advanced Security (Code Security) must be enabled means code ' +
      'scanning is not available to the repository, which fails; any other 403 or 404 is an error naming the scope needed (repo, and ' +
      'security_events for analyses). Archived repositories are out of scope.',
    remediation:
      'Repository settings → Code security → Code scanning: enable CodeQL default setup (enable GitHub Code Security / Advanced Security for ' +
      'private repositories first), or run an analysis workflow on the default branch at least as often as maxAnalysisAgeDays.',
    messages: {
      ...NO_REPOS,
      defaultSetup: 'Code scanning default setup is configured',
      recentAnalysis: 'The default branch was analysed by {tool} on {lastAnalysisAt} ({ageDays} days ago)',
      staleAnalysis:
        'The latest analysis of the default branch ({tool}, {lastAnalysisAt}) is {ageDays} days old, over {maxAnalysisAgeDays}',
      notScanned: 'Code scanning is {defaultSetup} and the default branch has no analysis',
    },
    settings: {
      maxAnalysisAgeDays: { type: 'integer', default: 30, description: 'Oldest accepted analysis of the default branch, in days.' },
    },
  },
  async run(ctx) {
    const max = ctx.settings.maxAnalysisAgeDays;
    return eachRepo(ctx, async (repo) => {
      const cs = await ctx.github.codeScanning(repo.name);
      if (cs.defaultSetup === 'configured') return ctx.pass(repo.resource, 'defaultSetup', { defaultSetup: cs.defaultSetup });
      if (!cs.lastAnalysisAt) return ctx.fail(repo.resource, 'notScanned', { defaultSetup: cs.defaultSetup, lastAnalysisAt: null });
      const ageDays = Math.floor((ctx.now.getTime() - Date.parse(cs.lastAnalysisAt)) / DAY);
      if (Number.isNaN(ageDays)) return ctx.missing(repo.resource, `the analysis date "${cs.lastAnalysisAt}" is not a date`);
      const observed = {
        defaultSetup: cs.defaultSetup,
        lastAnalysisAt: cs.lastAnalysisAt,
        tool: cs.lastAnalysisTool,
        ageDays,
        maxAnalysisAgeDays: max,
      };
      return ageDays <= max ? ctx.pass(repo.resource, 'recentAnalysis', observed) : ctx.fail(repo.resource, 'staleAnalysis', observed);
    });
  },
});
