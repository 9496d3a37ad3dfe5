import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../core/schemas.js';
import type { AwsScenario } from '../aws/scenario.js';
import type { GithubScenario } from '../github/scenario.js';
import type { TlsScenario } from '../tls/index.js';
import { BENCH_ESTATE, generateEstate } from './estate.js';
import { byIndex, seededPick } from './pick.js';

const sections = (seed: number) => {
  const s = generateEstate({ seed });
  return { scenario: s, aws: s.aws as AwsScenario, github: s.github as GithubScenario, tls: s.tls as TlsScenario };
};
const countBy = <T>(items: T[], key: (t: T) => string) =>
  items.reduce<Record<string, number>>((acc, t) => ({ ...acc, [key(t)]: (acc[key(t)] ?? 0) + 1 }), {});

describe('generateEstate', () => {
  const one = sections(1);

  it('is deterministic: the same seed gives the same estate, another seed another one', () => {
    expect(generateEstate({ seed: 1 })).toEqual(one.scenario);
    const two = sections(2);
    expect(two.aws.accounts[0]!.buckets).not.toEqual(one.aws.accounts[0]!.buckets);
    expect(two.github.orgs![0]!.repos).not.toEqual(one.github.orgs![0]!.repos);
  });

  it('has the bench estate’s counts', () => {
    const account = one.aws.accounts[0]!;
    expect(account.users).toHaveLength(BENCH_ESTATE.iamUsers);
    expect(account.roles).toHaveLength(BENCH_ESTATE.iamRoles);
    expect(account.regions).toEqual(['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2']);
    expect(countBy(account.buckets!, (b) => b.region)).toEqual(Object.fromEntries(account.regions.map((r) => [r, 1250])));
    expect(countBy(account.kmsKeys!, (k) => k.region)).toEqual(Object.fromEntries(account.regions.map((r) => [r, 250])));
    expect(new Set(account.buckets!.map((b) => b.name)).size).toBe(5000);
    const org = one.github.orgs![0]!;
    expect(org.repos).toHaveLength(2000);
    expect(org.members).toHaveLength(500);
    expect(one.tls.endpoints).toHaveLength(200);
    expect(new Set(one.tls.endpoints!.map((e) => e.name)).size).toBe(200);
  });

  it('keeps the proportions of good and bad settings under a seed', () => {
    const unencrypted = one.aws.accounts[0]!.buckets!.filter((b) => b.encryption === 'none').length;
    // One in nine by the pick: about 556 of 5,000.
    expect(unencrypted).toBeGreaterThan(450);
    expect(unencrypted).toBeLessThan(660);
    const kinds = countBy(one.tls.endpoints!, (e) => `${e.protocols?.min ?? '-'} ${e.certificate?.issuer ?? 'ca'}`);
    expect(Object.keys(kinds).length).toBeGreaterThan(3);
  });

  it('is a valid scenario for every section', () => {
    for (const [schema, data] of [
      ['scenario', one.scenario],
      ['scenario-aws', one.aws],
      ['scenario-github', one.github],
      ['scenario-tls', one.tls],
    ] as const) {
      const validate = validatorFor(schema);
      expect(validate(data), `${schema}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
    }
  });

  it('generates only the providers asked for, and refuses more regions than it knows', () => {
    expect(Object.keys(generateEstate({ seed: 3, providers: ['tls'] }))).toEqual(['name', 'description', 'tls']);
    expect(() => generateEstate({ seed: 1, sizes: { ...BENCH_ESTATE, regions: 5 } })).toThrow(/1 to 4 regions/);
  });
});

describe('picks', () => {
  it('unseeded, a pick is the index; seeded, it depends on seed, setting and index only', () => {
    expect([0, 7, 41].map((i) => byIndex(i, 'x'))).toEqual([0, 7, 41]);
    const a = seededPick(5);
    expect(a(3, 'mfa')).toBe(seededPick(5)(3, 'mfa'));
    expect(a(3, 'mfa')).not.toBe(a(3, 'console'));
    expect(a(3, 'mfa')).not.toBe(seededPick(6)(3, 'mfa'));
  });
});
