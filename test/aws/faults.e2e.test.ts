import { afterAll, describe, expect, it } from 'vitest';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import { awsProvider } from '../../src/providers/aws/provider.js';
import { runtime, scanSandbox, type SandboxScan } from './harness.js';
import { nth } from '../helpers/nth.js';

const ACCOUNT = '111122223333';
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const world = (faults: object) => ({ faults, accounts: [{ id: ACCOUNT, regions: ['us-east-1'], root: { mfa: 'virtual' } }] });

const scans: SandboxScan[] = [];
afterAll(() => Promise.all(scans.map((s) => s.handle.stop())));
const scan = async (faults: object, callTimeoutMs?: number) => {
  const s = await scanSandbox(world(faults), { only: ['aws.iam.root-mfa'], callTimeoutMs });
  scans.push(s);
  return s;
};

describe('faults the real services show', () => {
  it('polls a credential report that is still being generated', async () => {
    const s = await scan({ reportInProgress: 2 });
    expect(s.of('aws.iam.root-mfa').get(ROOT)?.status).toBe('pass');
    const ops = s.store
      .snapshot()
      .find((f) => f.key === 'aws.iam.credentialReport')!
      .calls.map((c) => c.operation);
    expect(ops.filter((o) => o === 'iam:GetCredentialReport').length).toBeGreaterThan(1);
  });

  it('retries occasional throttling (adaptive retry mode) and still collects', async () => {
    const s = await scan({ throttle: { percent: 40, actions: ['iam:GetAccountSummary', 'iam:ListVirtualMFADevices'], seed: 3 } });
    expect(s.of('aws.iam.root-mfa').get(ROOT)?.status).toBe('pass');
  });

  it('throttling past the retry budget is an error of kind throttled, never a pass', async () => {
    // A call time limit past the SDK's whole retry budget: this is about the budget, not the limit.
    const s = await scan({ throttle: { percent: 100, actions: ['iam:GetAccountSummary'] } }, 60_000);
    const r = nth(s.results, 0);
    expect(r.status).toBe('error');
    expect(r.observed?.reason).toMatchObject({ kind: 'throttled' });
  }, 60_000); // the SDK's backoff between throttled attempts is seconds long, as it should be

  it('answers slower than the call time limit are an error of kind timeout', async () => {
    const s = await scan({ latencyMs: 1500 }, 200);
    const r = nth(s.results, 0);
    expect(r.status).toBe('error');
    expect(r.observed?.reason).toMatchObject({ kind: 'timeout' });
  });

  it('an endpoint nobody listens on is an error of kind unreachable', async () => {
    const target = nth(nth(scans, 0).handle.targets, 0);
    const closed = { ...target, options: { ...target.options, endpoints: { ...target.options.endpoints, iam: 'http://127.0.0.1:9' } } };
    const facts = awsProvider.facts(closed, new FactStore(new Pools()), runtime);
    await expect(facts.iam.accountSummary()).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('iam:GetAccountSummary'),
    });
  });
});
