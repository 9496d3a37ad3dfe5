import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { startGithubSandbox } from './index.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const scenario = { orgs: [{ login: 'acme', repos: [{ name: 'web' }] }] };

describe('github sandbox: faults.inject', () => {
  it("answers GitHub's secondary rate limit, a 500, a reset and a spoiled body, by route", async () => {
    const sb = await startGithubSandbox({
      ...scenario,
      faults: {
        inject: [
          { match: ['GET /orgs/{org}'], percent: 100, kinds: ['throttle'] },
          { match: ['GET /orgs/{org}/repos'], percent: 100, kinds: ['internal'] },
          { match: ['GET /repos/{owner}/{repo}'], percent: 100, kinds: ['reset'] },
          { match: ['GET /orgs/{org}/members'], percent: 100, kinds: ['empty'] },
        ],
      },
    });
    try {
      const get = (path: string) => fetch(`${sb.apiUrl}${path}`, { headers: { authorization: `token ${sb.tokens.default}` } });
      const limited = await get('/orgs/acme');
      expect(limited.status).toBe(403);
      expect(limited.headers.get('retry-after')).toBe('1');
      expect(((await limited.json()) as { message: string }).message).toMatch(/^You have exceeded a secondary rate limit/);
      expect((await get('/orgs/acme')).status).toBe(429);
      expect((await get('/orgs/acme/repos')).status).toBe(500);
      await expect(get('/repos/acme/web')).rejects.toThrow();
      const empty = await get('/orgs/acme/members');
      expect([empty.status, await empty.text()]).toEqual([200, '']);
      // Other routes are untouched, through Octokit.
      const octokit = new Octokit({ baseUrl: sb.apiUrl, auth: sb.tokens.default, log: quiet });
      expect((await octokit.rest.users.getAuthenticated()).status).toBe(200);
    } finally {
      await sb.stop();
    }
  });
});
