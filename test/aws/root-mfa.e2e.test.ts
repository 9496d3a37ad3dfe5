import { afterAll, describe, expect, it } from 'vitest';
import { awsProvider } from '../../src/providers/aws/provider.js';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import { runtime, scanSandbox, type SandboxScan } from './harness.js';
import { nth } from '../helpers/nth.js';

const scans: SandboxScan[] = [];
afterAll(() => Promise.all(scans.map((s) => s.handle.stop())));

const account = (id: string, mfa: 'virtual' | 'hardware' | 'none') => ({ id, regions: ['eu-west-1'], root: { mfa } });

describe('aws.iam.root-mfa end to end', () => {
  for (const [mfa, status] of [
    ['virtual', 'pass'],
    ['hardware', 'pass'],
    ['none', 'fail'],
  ] as const) {
    it(`root MFA ${mfa} → ${status}`, async () => {
      const scan = await scanSandbox({ accounts: [account('111122223333', mfa)] }, { only: ['aws.iam.root-mfa'] });
      scans.push(scan);
      const r = scan.of('aws.iam.root-mfa').get('arn:aws:iam::111122223333:root');
      expect(r?.status).toBe(status);
      if (status === 'pass') expect(r?.observed).toMatchObject({ mfaType: mfa });
      const report = scan.store.snapshot().find((f) => f.key === 'aws.iam.credentialReport');
      expect(report?.calls.map((c) => c.operation)).toContain('iam:GetCredentialReport');
      expect(report?.calls.every((c) => c.status === 200 && c.requestId)).toBe(true);
    });
  }

  it('names the denied action', async () => {
    const scan = await scanSandbox(
      { accounts: [{ ...account('111122223333', 'virtual'), deny: ['iam:GetAccountSummary'] }] },
      { only: ['aws.iam.root-mfa'] },
    );
    scans.push(scan);
    const r = nth(scan.results, 0);
    expect(r.status).toBe('error');
    expect(r.message).toContain('iam:GetAccountSummary');
    expect(r.observed?.reason).toMatchObject({ kind: 'denied', permission: 'iam:GetAccountSummary', status: 403 });
  });

  it('records the caller as the collector identity', async () => {
    const handle = await awsProvider.sandbox!({ accounts: [account('111122223333', 'none')] }, runtime);
    try {
      const target = nth(handle.targets, 0);
      expect(target).toMatchObject({ id: 'aws:111122223333', options: { sandbox: true } });
      expect(JSON.stringify(target.options)).not.toMatch(/secret/i);
      const facts = awsProvider.facts(target, new FactStore(new Pools()), runtime);
      const who = await awsProvider.identity(facts, target);
      expect(who.principal).toBe('arn:aws:iam::111122223333:user/annexa-scanner');
    } finally {
      await handle.stop();
    }
  });
});
