import { describe, expect, it } from 'vitest';
import type { GithubScenario, RulesetSpec } from '../../src/sandbox/github/index.js';
import { scanSandbox, startGithubSandbox } from './harness.js';

const weak = (name: string): RulesetSpec => ({ name, include: ['~DEFAULT_BRANCH'], rules: { deletion: true } });
const strong: RulesetSpec = {
  name: 'the-real-one',
  include: ['~ALL'],
  rules: {
    pull_request: { required_approving_review_count: 2, dismiss_stale_reviews_on_push: true },
    non_fast_forward: true,
    deletion: true,
  },
};

describe('rulesets beyond the first page of the bulk query', () => {
  it('are fetched by a follow-up query, and count', async () => {
    const scenario: GithubScenario = {
      orgs: [
        {
          login: 'many',
          members: [{ login: 'o', role: 'admin' }],
          repos: [
            { name: 'layered', rulesets: [weak('a'), weak('b'), weak('c'), strong] },
            { name: 'plain', rulesets: [weak('a')] },
          ],
        },
      ],
    };
    const sandbox = await startGithubSandbox(scenario);
    try {
      const scan = await scanSandbox(sandbox);
      const verdict = (repo: string) =>
        scan.results.find((r) => r.checkId === 'github.repo.branch-protection' && r.resource === `github:many/${repo}`);
      expect(verdict('layered')).toMatchObject({
        status: 'pass',
        observed: { sources: ['ruleset "a"', 'ruleset "b"', 'ruleset "c"', 'ruleset "the-real-one"'] },
      });
      expect(verdict('plain')?.status).toBe('fail');
      const batch = scan.facts.find((f) => f.key.startsWith('github.repos.graphql'))!;
      expect(batch.calls.map((c) => c.operation)).toEqual(['graphql RepoDetails', 'graphql MoreRulesets']);
    } finally {
      await sandbox.stop();
    }
  });
});
