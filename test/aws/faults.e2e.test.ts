import { afterAll, describe, expect, it } from 'vitest';
import { scanSandbox, type SandboxScan } from './harness.js';

const ACCOUNT = '111122223333';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const world = (faults: object) => ({ faults, accounts: [{ id: ACCOUNT, regions: ['us-east-1'], root: { mfa: 'virtual' } }] });

const scans: SandboxScan[] = [];
afterAll(() => Promise.all(scans.map((s) => s.handle.stop())));
const scan = async (faults: object) => {
  const s = await scanSandbox(world(faults), { only: ['aws.iam.root-mfa'] });
  scans.push(s);
  return s;
};

describe('faults the real services show', () => {
  it('polls a credential report that is still being generated', async () => {
    const s = await scan({ reportInProgress: 2 });
    expect(s.of('aws.iam.root-mfa').get(ROOT)?.status).toBe('pass');
    const ops = s.store.snapshot().find((f) => f.key === 'aws.iam.credentialReport')!.calls.map((c) => c.operation);
    expect(ops.filter((o) => o === 'iam:GetCredentialReport').length).toBeGreaterThan(1);
  });

  it('retries occasional throttling (adaptive retry mode) and still collects', async () => {
    const s = await scan({ throttle: { percent: 40, actions: ['iam:GetAccountSummary', 'iam:ListVirtualMFADevices'], seed: 3 } });
    expect(s.of('aws.iam.root-mfa').get(ROOT)?.status).toBe('pass');
  });

  it('throttling past the retry budget is an error of kind throttled, never a pass', async () => {
    const s = await scan({ throttle: { percent: 100, actions: ['iam:GetAccountSummary'] } });
    const [r] = s.results;
    expect(r.status).toBe('error');
    expect(r.observed?.reason).toMatchObject({ kind: 'throttled' });
  });
});
