import { describe, expect, it } from 'vitest';
import { answers, failing, runCheck } from '../../src/testing/run-check.js';
import { ACCOUNT, report, root, TARGET } from '../../src/providers/aws/test-facts.js';
import check from './aws.iam.root-mfa.js';

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const virtual = [{ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`, userArn: ROOT }];

const cases = [
  { name: 'virtual MFA', summary: 1, root: root(), devices: answers(virtual), status: 'pass', mfaType: 'virtual' },
  { name: 'hardware MFA', summary: 1, root: root(), devices: answers([]), status: 'pass', mfaType: 'hardware' },
  { name: 'type unknown when devices are denied', summary: 1, root: root(), devices: failing(), status: 'pass', mfaType: 'unknown' },
  { name: 'summary says no MFA', summary: 0, root: root(), devices: answers([]), status: 'fail' },
  { name: 'report says no MFA', summary: 1, root: root({ mfaActive: false }), devices: answers([]), status: 'fail' },
] as const;

describe('aws.iam.root-mfa', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const [r, ...rest] = await runCheck(
        check,
        { iam: { accountSummary: answers({ AccountMFAEnabled: c.summary }), credentialReport: answers(report(c.root)), virtualMfaDevices: c.devices } },
        { target: TARGET },
      );
      expect(rest).toEqual([]);
      expect(r).toMatchObject({ status: c.status, resource: ROOT });
      if ('mfaType' in c) expect(r.observed).toMatchObject({ mfaType: c.mfaType });
    });
  }

  it('is an error naming the permission when the summary is denied', async () => {
    const [r] = await runCheck(
      check,
      { iam: { accountSummary: failing({ permission: 'iam:GetAccountSummary' }), credentialReport: answers(report(root())) } },
      { target: TARGET },
    );
    expect(r.status).toBe('error');
    expect(r.message).toContain('iam:GetAccountSummary');
  });

  it('is an error, not a verdict, when the report has no root row', async () => {
    const [r] = await runCheck(check, { iam: { accountSummary: answers({ AccountMFAEnabled: 1 }), credentialReport: answers(report()) } }, { target: TARGET });
    expect(r).toMatchObject({ status: 'error', resource: ROOT, message: expect.stringContaining('no <root_account> row') });
  });

  it('is an error when the account summary lacks AccountMFAEnabled', async () => {
    const [r] = await runCheck(check, { iam: { accountSummary: answers({}), credentialReport: answers(report(root())) } }, { target: TARGET });
    expect(r).toMatchObject({ status: 'error', message: expect.stringContaining('no AccountMFAEnabled') });
  });
});
