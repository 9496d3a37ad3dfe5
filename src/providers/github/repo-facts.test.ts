import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FactError, FactStore } from '../../core/facts.js';
import { Pools } from '../../core/pools.js';
import type { FactRecord } from '../../core/types.js';
import { classify } from './errors.js';
import { classicRule, repoDetails, repoSummary } from '../../../test/support/github/facts.js';
import { repoFacts } from './repo-facts.js';
import type { RepoDetails } from './types.js';

/** Repository facts over a replayed snapshot: the derived accessors without any network. */
function factsFor(details: Partial<RepoDetails>) {
  const fact = (key: string, value: unknown): FactRecord => ({
    ref: `github:acme/${key}`,
    target: 'github:acme',
    key,
    collectedAt: '2026-01-01T00:00:00Z',
    ok: true,
    value,
    calls: [],
  });
  const store = new FactStore(new Pools(), [
    fact('github.org.repos', [repoSummary('api')]),
    fact('github.repos.graphql(api..api)', { api: repoDetails('api', details) }),
  ]);
  const scope = store.scope({ target: 'github:acme', pool: 'github', classify });
  const noNetwork = () => {
    throw new Error('no network in replay');
  };
  return repoFacts(
    scope,
    noNetwork,
    { org: 'acme', apiUrl: 'https://api.github.com', tokenEnv: 'GITHUB_TOKEN' },
    noNetwork,
    pino({ level: 'silent' }),
  );
}

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: FactError) => e,
  );

describe('repository facts fail closed', () => {
  it('an admin sees an empty rule list as "no classic protection"', async () => {
    expect(await factsFor({}).branchRules('api')).toEqual({ branch: 'main', classic: null, rulesets: [] });
  });

  it('below admin, an empty rule list is a denial, never "no protection"', async () => {
    const err = await rejection(factsFor({ viewerPermission: 'WRITE' }).branchRules('api'));
    expect(err).toBeInstanceOf(FactError);
    expect(err).toMatchObject({ kind: 'denied', permission: expect.stringContaining('admin on the repository') });
  });

  it('below admin, visible rules are judged', async () => {
    const rules = await factsFor({ viewerPermission: 'WRITE', branchProtectionRules: [classicRule()] }).branchRules('api');
    expect(rules?.classic?.pattern).toBe('main');
  });

  it('a CODEOWNERS path that could not be read is a denial, not a missing file', async () => {
    const facts = factsFor({ codeownersPath: null, fieldErrors: { codeowners1: 'FORBIDDEN: no' } });
    await expect(rejection(facts.codeowners('api'))).resolves.toMatchObject({ kind: 'denied', permission: 'read access to CODEOWNERS' });
    expect(await factsFor({ codeownersPath: null }).codeowners('api')).toEqual({ path: null });
    expect(await factsFor({ defaultBranch: null }).codeowners('api')).toBeNull();
  });

  it('a FORBIDDEN field is a denial', async () => {
    const err = await rejection(factsFor({ deployKeys: null, fieldErrors: { deployKeys: 'FORBIDDEN: no' } }).deployKeys('api'));
    expect(err).toMatchObject({ kind: 'denied' });
  });

  it('vulnerability alerts reported off to a non-admin are a denial; on is a fact', async () => {
    await expect(
      rejection(factsFor({ viewerPermission: 'READ', hasVulnerabilityAlertsEnabled: false }).vulnerabilityAlerts('api')),
    ).resolves.toMatchObject({ kind: 'denied' });
    expect(await factsFor({ viewerPermission: 'READ', hasVulnerabilityAlertsEnabled: true }).vulnerabilityAlerts('api')).toBe(true);
    expect(await factsFor({ hasVulnerabilityAlertsEnabled: false }).vulnerabilityAlerts('api')).toBe(false);
  });

  it('outside collaborators hidden below write access are a denial', async () => {
    await expect(rejection(factsFor({ viewerPermission: 'READ' }).outsideCollaborators('api'))).resolves.toMatchObject({ kind: 'denied' });
    expect(await factsFor({ viewerPermission: 'WRITE' }).outsideCollaborators('api')).toEqual([]);
  });

  it('a truncated list is an error, not a partial verdict', async () => {
    await expect(rejection(factsFor({ fieldErrors: { deployKeys: 'TRUNCATED: more' } }).deployKeys('api'))).resolves.toMatchObject({
      kind: 'other',
    });
  });

  it('a repository outside the scope is missing', async () => {
    await expect(rejection(factsFor({}).codeowners('nope'))).resolves.toMatchObject({ kind: 'missing' });
  });
});
