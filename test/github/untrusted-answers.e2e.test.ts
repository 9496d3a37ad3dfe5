import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GithubScenario } from '../../src/sandbox/github/index.js';
import type { AnswerFault } from '../../src/sandbox/github/scenario.js';
import { scanSandbox, scenarioSection, startGithubSandbox } from './harness.js';
import { nth } from '../helpers/nth.js';

/**
 * Answers that are not what GitHub documents, through Octokit against the
 * emulator: each used to become "nothing there" (a pass, or not applicable),
 * phantom repositories, or a token sent to another host.
 */

const acmeWith = (...answers: AnswerFault[]): GithubScenario => {
  const acme = scenarioSection('acme');
  return { ...acme, faults: { ...acme.faults, answers } };
};

async function scanAcme(scenario: GithubScenario, token?: string) {
  const sandbox = await startGithubSandbox(scenario);
  try {
    // acme-labs has drifted: members without 2FA, a plain-HTTP webhook.
    return await scanSandbox(sandbox, { orgs: ['acme-labs'], token });
  } finally {
    await sandbox.stop();
  }
}

/** A listener on another loopback origin that records what reaches it. */
const elsewhere = { url: '', requests: [] as IncomingHttpHeaders[], close: () => {} };
beforeAll(async () => {
  const server = createServer((req, res) => {
    elsewhere.requests.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  elsewhere.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  elsewhere.close = () => server.close();
});
afterAll(() => elsewhere.close());

const of = <R extends { checkId: string }>(results: R[], id: string): R[] => results.filter((r) => r.checkId === id);

describe('an answer that is not what GitHub documents is malformed, never "nothing there"', () => {
  it('an empty members?filter=2fa_disabled answer is an error, where the real answer fails', async () => {
    const honest = await scanAcme(acmeWith());
    expect(of(honest.results, 'github.org.members-without-2fa').map((r) => r.status)).toEqual(['fail']);
    const spoiled = await scanAcme(acmeWith({ routes: ['GET /orgs/{org}/members'], body: 'empty' }));
    const r = nth(of(spoiled.results, 'github.org.members-without-2fa'), 0);
    expect(r).toMatchObject({ status: 'error', observed: { reason: { kind: 'malformed' } } });
    expect(r.message).toContain('GET /orgs/{org}/members');
  });

  it('empty repository and hook lists are errors, not "not applicable"', async () => {
    const repos = await scanAcme(acmeWith({ routes: ['GET /orgs/{org}/repos'], body: 'empty' }));
    const repoChecks = repos.results.filter((r) => r.checkId.startsWith('github.repo.'));
    expect(repoChecks.length).toBeGreaterThan(0);
    expect(new Set(repoChecks.map((r) => r.status))).toEqual(new Set(['error']));

    const hooks = await scanAcme(acmeWith({ routes: ['GET /repos/{owner}/{repo}/hooks'], body: 'empty' }));
    const webhook = of(hooks.results, 'github.repo.webhook-tls').find((r) => r.resource === 'github:acme-labs/experiments');
    expect(webhook).toMatchObject({ status: 'error', observed: { reason: { kind: 'malformed' } } });
  });

  it('a truncated repository list is one malformed fact, not thousands of phantom repositories', async () => {
    const scan = await scanAcme(acmeWith({ routes: ['GET /orgs/{org}/repos'], body: 'truncated' }));
    const repos = scan.facts.filter((f) => f.key === 'github.org.repos');
    expect(repos).toHaveLength(1);
    expect(repos[0]).toMatchObject({ ok: false, error: { kind: 'malformed' } });
    expect(repos[0]?.error?.message).toMatch(/not JSON/);
    // One result per repository check for the organisation, none per phantom repository.
    expect(scan.results.filter((r) => r.checkId.startsWith('github.repo.')).length).toBeLessThan(20);
  });

  it('a GraphQL error without a path is an error of the batch, never dropped', async () => {
    const scan = await scanAcme(acmeWith({ routes: ['POST /graphql'], graphqlError: 'Something broke on our side' }));
    const batches = scan.facts.filter((f) => f.key.startsWith('github.repos.graphql'));
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) expect(b).toMatchObject({ ok: false, error: { message: expect.stringContaining('Something broke') } });
    expect(of(scan.results, 'github.repo.deploy-keys').every((r) => r.status === 'error')).toBe(true);
  });

  it('an unreadable GET /user is an error, not a "GitHub App installation"', async () => {
    const scan = await scanAcme(acmeWith({ routes: ['GET /user'], body: 'empty' }));
    expect(scan.principal).not.toBe('GitHub App installation');
    expect(scan.facts.find((f) => f.key === 'github.viewer')).toMatchObject({ ok: false, error: { kind: 'malformed' } });
  });
});

describe('the GitHub client talks only to its own API', () => {
  it('does not follow a Link rel="next" to another origin: the token stays home, the error names the host', async () => {
    elsewhere.requests.length = 0;
    const scan = await scanAcme(acmeWith({ routes: ['GET /orgs/{org}/members'], linkOrigin: elsewhere.url }));
    expect(elsewhere.requests).toEqual([]);
    const r = nth(of(scan.results, 'github.org.members-without-2fa'), 0);
    expect(r.status).toBe('error');
    expect(r.message).toContain(new URL(elsewhere.url).host);
  });

  it('does not follow a redirect to another origin', async () => {
    elsewhere.requests.length = 0;
    const scan = await scanAcme(acmeWith({ routes: ['GET /orgs/{org}/hooks'], redirectTo: elsewhere.url }));
    expect(elsewhere.requests).toEqual([]);
    const hooks = scan.facts.find((f) => f.key === 'github.org.hooks');
    expect(hooks).toMatchObject({ ok: false, error: { message: expect.stringContaining(new URL(elsewhere.url).host) } });
  });
});
