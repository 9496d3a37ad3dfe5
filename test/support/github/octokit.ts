import { Octokit } from '@octokit/rest';
import { RequestError } from '@octokit/request-error';
import type { GithubSandbox } from '../../../src/sandbox/github/index.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Octokit against a sandbox, authenticated with one of its tokens by name. */
export const sandboxClient = (sb: GithubSandbox, token = 'default'): Octokit =>
  new Octokit({ baseUrl: sb.apiUrl, auth: sb.tokens[token], log: quiet });

/** The status an Octokit call failed with (RequestError), or 200/204 when it did not fail. */
export async function statusOf(p: Promise<{ status: number }>): Promise<{ status: number; message?: string }> {
  try {
    return { status: (await p).status };
  } catch (err) {
    if (!(err instanceof RequestError)) throw err;
    return { status: err.status, message: (err.response?.data as { message?: string } | undefined)?.message };
  }
}
