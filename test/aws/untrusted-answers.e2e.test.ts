import { afterAll, describe, expect, it } from 'vitest';
import { scanSandbox, type SandboxScan } from './harness.js';
import { nth } from '../helpers/nth.js';

/**
 * Answers that are not what the API documents, through the real SDK clients
 * against the emulator: each one used to turn a real finding into a pass or
 * "not applicable"; each is now an `error` of kind `malformed`.
 */

const ACCOUNT = '111122223333';
const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const world = (answers?: object[]) => ({
  ...(answers ? { faults: { answers } } : {}),
  accounts: [
    {
      id: ACCOUNT,
      regions: ['us-east-1'],
      root: { mfa: 'virtual' },
      groups: [{ name: 'admins', policies: ['AdministratorAccess'] }],
      users: [{ name: 'ops', groups: ['admins'] }],
      buckets: [{ name: 'untrusted-unversioned', region: 'us-east-1' }],
      kmsKeys: [
        {
          id: KEY,
          region: 'us-east-1',
          policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }] },
        },
      ],
    },
  ],
});

const scans: SandboxScan[] = [];
afterAll(() => Promise.all(scans.map((s) => s.handle.stop())));
async function run(check: string, answers?: object[]) {
  // With no administrator allowed, the one the world holds is a fail.
  const s = await scanSandbox(world(answers), { only: [check], settings: { 'aws.iam.admin-principals': { maxAdmins: 0 } } });
  scans.push(s);
  return s.results.filter((r) => r.checkId === check);
}

describe('an answer that is not what the API documents is malformed, never "nothing there"', () => {
  it.each([
    ['aws.iam.admin-principals', 'iam:GetAccountAuthorizationDetails', 'empty'],
    ['aws.iam.admin-principals', 'iam:GetAccountAuthorizationDetails', 'truncated'],
    ['aws.kms.key-policy-public', 'kms:DescribeKey', 'empty'],
    ['aws.kms.key-policy-public', 'kms:ListKeys', 'empty'],
    ['aws.s3.versioning', 's3:ListBuckets', 'empty'],
    // Every field of an unversioned bucket's answer is optional: only the raw (empty) body tells.
    ['aws.s3.versioning', 's3:GetBucketVersioning', 'empty'],
  ])('%s: where the real answer fails, %s answering an %s body is an error', async (check, action, body) => {
    const honest = await run(check);
    expect(honest.map((r) => r.status)).toContain('fail');

    const spoiled = await run(check, [{ actions: [action], body }]);
    expect(spoiled.length).toBeGreaterThan(0);
    for (const r of spoiled) {
      expect(r.status).toBe('error');
      expect(r.observed?.reason).toMatchObject({ kind: 'malformed' });
    }
    expect(spoiled.map((r) => r.message).join('\n')).toMatch(/malformed answer|parse error|JSON/i);
  });

  it('names the operation and the missing field', async () => {
    const r = nth(await run('aws.kms.key-policy-public', [{ actions: ['kms:DescribeKey'], body: 'empty' }]), 0);
    expect(r.message).toContain('DescribeKey');
  });
});
