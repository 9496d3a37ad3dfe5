import { describe, expect, it } from 'vitest';
import { ago, iamId, uuid } from './ids.js';
import { startAwsSandbox, validateAwsScenario } from './index.js';
import { faultsOf, globMatch, isDenied } from './rules.js';
import { buildWorld } from './world.js';
import { document, list } from './xml.js';

describe('deny rules', () => {
  it('match actions case-insensitively by glob, and resources when given', () => {
    expect(globMatch('s3:Get*', 's3:getbucketpolicy')).toBe(true);
    expect(globMatch('s3:Get*', 'kms:GetKeyPolicy')).toBe(false);
    const rules = ['iam:ListUsers', { action: 'kms:*', resource: 'arn:aws:kms:eu-*' }];
    expect(isDenied(rules, 'iam:ListUsers', '*')).toBe(true);
    expect(isDenied(rules, 'kms:DescribeKey', 'arn:aws:kms:eu-west-1:1:key/x')).toBe(true);
    expect(isDenied(rules, 'kms:DescribeKey', 'arn:aws:kms:us-east-1:1:key/x')).toBe(false);
    expect(isDenied(undefined, 'iam:ListUsers', '*')).toBe(false);
  });

  it('faults: no spec means no latency and no throttling', () => {
    const f = faultsOf(undefined);
    expect([f.latency(), f.throttled('iam:ListUsers')]).toEqual([0, false]);
    expect(faultsOf({ latencyMs: 12 }).latency()).toBe(12);
    expect(faultsOf({ throttle: { percent: 100, actions: ['kms:*'] } }).throttled('iam:ListUsers')).toBe(false);
  });
});

describe('ids and ages', () => {
  it('are deterministic and shaped like AWS ids', () => {
    expect(iamId('AKIA', 'x', 20)).toBe(iamId('AKIA', 'x', 20));
    expect(iamId('AKIA', 'x', 20)).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(uuid('k')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    const now = new Date('2026-01-10T00:00:00Z');
    expect(ago({ days: 9, hours: 12 }, now)?.toISOString()).toBe('2025-12-31T12:00:00.000Z');
    expect(ago('2020-01-01T00:00:00Z', now)?.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });
});

describe('xml writer', () => {
  it('writes members, named lists, escapes text and leaves out absent values', () => {
    expect(document('R', 'urn:x', { A: ['1', '2'], B: list([{ C: 'a&b' }], 'item'), D: undefined, E: {} })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<R xmlns="urn:x"><A><member>1</member><member>2</member></A><B><item><C>a&amp;b</C></item></B><E/></R>',
    );
  });
});

describe('scenario validation and references', () => {
  it('rejects unknown keys and bad values with the path', () => {
    expect(() => validateAwsScenario({ accounts: [{ id: '123456789012', regions: ['us-east-1'], userz: [] }] })).toThrow(
      /accounts\.0\.userz: unknown key/,
    );
    expect(() => validateAwsScenario({ accounts: [{ id: '12', regions: ['us-east-1'] }] })).toThrow(/accounts\.0\.id/);
    expect(() => validateAwsScenario({ accounts: [] })).toThrow(/accounts/);
  });

  it('rejects a user in an unknown group, an unknown policy, and more than two access keys', async () => {
    const now = new Date();
    const base = { id: '123456789012', regions: ['us-east-1'] };
    expect(() => buildWorld({ accounts: [{ ...base, users: [{ name: 'u', groups: ['nope'] }] }] }, now)).toThrow(/unknown group "nope"/);
    expect(() => buildWorld({ accounts: [{ ...base, roles: [{ name: 'r', policies: ['NotAPolicy'] }] }] }, now)).toThrow(
      /unknown policy "NotAPolicy"/,
    );
    await expect(
      startAwsSandbox({
        accounts: [{ ...base, users: [{ name: 'u', accessKeys: [{ age: { days: 1 } }, { age: { days: 1 } }, { age: { days: 1 } }] }] }],
      }),
    ).rejects.toThrow(/accessKeys/);
  });

  it('resolves AWS-managed policies by name or ARN, once per account', () => {
    const w = buildWorld(
      {
        accounts: [
          {
            id: '123456789012',
            regions: ['us-east-1'],
            groups: [{ name: 'g', policies: ['ReadOnlyAccess'] }],
            roles: [{ name: 'r', policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }],
          },
        ],
      },
      new Date(),
    );
    expect(w.accounts[0]?.policies.map((p) => p.arn)).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
  });
});
