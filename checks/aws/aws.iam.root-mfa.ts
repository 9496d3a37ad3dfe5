import { defineCheck } from '../../src/core/check.js';
import { rootArn, rootRow } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.root-mfa',
    title: 'Root user has MFA',
    provider: 'aws',
    severity: 'critical',
    description:
      'The root user can do anything in the account. Both the account summary (AccountMFAEnabled) and the credential report (mfa_active) must show an MFA ' +
      'device on it — unless the root user has no credentials at all: in a member account whose root credentials were removed centrally (Organizations ' +
      "centralised root access), the report's root row has password_enabled false and no active access key, so there is nothing to sign in with and MFA " +
      'has nothing to protect; that passes with its reason. A root row saying not_supported (older reports) is judged on MFA alone.',
    remediation:
      'Sign in as root and assign an MFA device (IAM > Security credentials > Multi-factor authentication); prefer a hardware key.',
    messages: {
      enabled: 'Root user has MFA ({mfaType})',
      missing: 'Root user has no MFA device',
      noCredentials: 'Root user has no password and no active access key (root credentials removed centrally)',
    },
  },
  async run(ctx) {
    const summary = await ctx.aws.iam.accountSummary();
    const root = rootRow(await ctx.aws.iam.credentialReport());
    const resource = root?.arn ?? rootArn(ctx.target);
    const observed = { accountMfaEnabled: summary.AccountMFAEnabled ?? null, reportMfaActive: root?.mfaActive ?? null };
    // Either answer lacking its root field is missing data, not a root without MFA.
    if (!root || summary.AccountMFAEnabled === undefined) {
      const missing = !root ? 'the credential report has no <root_account> row' : 'the account summary has no AccountMFAEnabled';
      return [ctx.missing(resource, missing, observed)];
    }
    const activeKeys = root.accessKeys.filter((k) => k.active).length;
    if (root.passwordEnabled === false && activeKeys === 0)
      return [ctx.pass(resource, 'noCredentials', { ...observed, passwordEnabled: false, activeKeys })];
    if (summary.AccountMFAEnabled !== 1 || !root.mfaActive)
      return [ctx.fail(resource, 'missing', { ...observed, passwordEnabled: root.passwordEnabled, activeKeys })];
    // A virtual device on root has the root ARN as its user; otherwise the device is hardware.
    let mfaType = 'unknown';
    try {
      const devices = await ctx.aws.iam.virtualMfaDevices();
      mfaType = devices.some((d) => d.userArn === resource || d.serialNumber.endsWith(':mfa/root-account-mfa-device'))
        ? 'virtual'
        : 'hardware';
    } catch {
      // The type is context for the auditor; the verdict rests on the two facts above.
    }
    return [ctx.pass(resource, 'enabled', { ...observed, mfaType })];
  },
});
