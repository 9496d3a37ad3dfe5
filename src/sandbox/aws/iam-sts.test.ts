import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenario.js';
import { CREDENTIAL_REPORT_COLUMNS } from './iam-account.js';
import { startAwsSandbox, type AwsSandbox, type AwsScenario } from './index.js';
import { clientsFor, rejection } from '../../../test/support/aws/sandbox.js';

const acme = loadScenario('acme').aws as AwsScenario;

describe('aws sandbox: STS and IAM account answers over the real SDK', () => {
  let sandbox: AwsSandbox;
  let c: ReturnType<typeof clientsFor>;
  beforeAll(async () => {
    sandbox = await startAwsSandbox(acme);
    c = clientsFor(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('GetCallerIdentity names the first account and the scanner user', async () => {
    const id = await c.sts.send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe('418295730612');
    expect(id.Arn).toBe('arn:aws:iam::418295730612:user/annexa-scanner');
    expect(id.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(id.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GetAccountSummary reports root MFA and the root access key', async () => {
    const s = await c.iam.send(new GetAccountSummaryCommand({}));
    expect(s.SummaryMap?.AccountMFAEnabled).toBe(1);
    expect(s.SummaryMap?.AccountAccessKeysPresent).toBe(1);
    expect(s.SummaryMap?.Users).toBe(11);
  });

  it('the credential report is generated, then read as CSV with the real columns and a root row', async () => {
    const before = await rejection(c.iam.send(new GetCredentialReportCommand({})));
    expect(before.name).toBe('CredentialReportNotPresentException');
    expect(before.$metadata.httpStatusCode).toBe(410);
    const started = await c.iam.send(new GenerateCredentialReportCommand({}));
    expect(started.State).toBe('STARTED');
    expect((await c.iam.send(new GenerateCredentialReportCommand({}))).State).toBe('COMPLETE');
    const report = await c.iam.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe('text/csv');
    const lines = Buffer.from(report.Content!).toString('utf8').split('\n');
    expect(lines[0]?.split(',')).toEqual([...CREDENTIAL_REPORT_COLUMNS]);
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [CREDENTIAL_REPORT_COLUMNS[i], v])));
    const root = rows[0];
    expect(root.user).toBe('<root_account>');
    expect(root.arn).toBe('arn:aws:iam::418295730612:root');
    expect(root.password_enabled).toBe('true');
    expect(root.mfa_active).toBe('true');
    expect(root.access_key_1_active).toBe('true');
    const carol = rows.find((r) => r.user === 'carol.jones')!;
    expect(carol).toMatchObject({
      password_enabled: 'true',
      mfa_active: 'false',
      access_key_1_active: 'false',
      access_key_1_last_rotated: 'N/A',
    });
    const heidi = rows.find((r) => r.user === 'heidi.new')!;
    expect(heidi.password_last_used).toBe('no_information');
    const ci = rows.find((r) => r.user === 'ci-deploy')!;
    expect(ci).toMatchObject({
      password_enabled: 'false',
      password_last_used: 'N/A',
      access_key_1_active: 'true',
      access_key_1_last_used_service: 's3',
    });
    expect(ci.access_key_1_last_rotated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  });

  it('GetAccountPasswordPolicy returns the weak policy', async () => {
    const { PasswordPolicy: pp } = await c.iam.send(new GetAccountPasswordPolicyCommand({}));
    expect(pp).toMatchObject({ MinimumPasswordLength: 12, PasswordReusePrevention: 5, ExpirePasswords: false });
    expect(pp?.MaxPasswordAge).toBeUndefined();
  });

  it("AssumeRole yields credentials that act in the role's account; a wrong ExternalId is AccessDenied", async () => {
    const denied = await rejection(
      c.sts.send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::418295730612:role/annexa-readonly', RoleSessionName: 's', ExternalId: 'wrong' }),
      ),
    );
    expect(denied.name).toBe('AccessDenied');
    expect(denied.message).toContain('sts:AssumeRole');
    const r = await c.sts.send(
      new AssumeRoleCommand({
        RoleArn: 'arn:aws:iam::418295730612:role/annexa-readonly',
        RoleSessionName: 'annexa',
        ExternalId: 'acme-annexa',
      }),
    );
    expect(r.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    const assumed = clientsFor(sandbox, 'us-east-1', {
      accessKeyId: r.Credentials!.AccessKeyId!,
      secretAccessKey: r.Credentials!.SecretAccessKey!,
      sessionToken: r.Credentials!.SessionToken,
    });
    const id = await assumed.sts.send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe('arn:aws:sts::418295730612:assumed-role/annexa-readonly/annexa');
  });

  it('counts requests by operation', () => {
    const s = sandbox.stats();
    expect(s.byOperation['sts:GetCallerIdentity']).toBeGreaterThanOrEqual(1);
    expect(s.requests).toBe(Object.values(s.byOperation).reduce((a, b) => a + b, 0));
  });
});

describe('aws sandbox: password policy absent, denial', () => {
  it('answers NoSuchEntity without a password policy and AccessDenied for a denied action', async () => {
    const sandbox = await startAwsSandbox({
      accounts: [{ id: '123456789012', regions: ['eu-central-1'] }],
      deny: ['iam:GetAccountSummary'],
    });
    try {
      const c = clientsFor(sandbox);
      const none = await rejection(c.iam.send(new GetAccountPasswordPolicyCommand({})));
      expect(none.name).toBe('NoSuchEntityException');
      expect(none.$metadata.httpStatusCode).toBe(404);
      const denied = await rejection(c.iam.send(new GetAccountSummaryCommand({})));
      expect(denied.name).toBe('AccessDenied');
      expect(denied.$metadata.httpStatusCode).toBe(403);
      expect(denied.message).toBe(
        'User: arn:aws:iam::123456789012:user/annexa-scanner is not authorized to perform: iam:GetAccountSummary on resource: * because no identity-based policy allows the iam:GetAccountSummary action',
      );
      expect(sandbox.homeRegion).toBe('eu-central-1');
    } finally {
      await sandbox.stop();
    }
  });
});
