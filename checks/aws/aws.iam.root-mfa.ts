import { defineCheck } from '../../src/core/check.js';
import { rootArn, rootRow } from '../../src/providers/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.root-mfa',
    title: 'Root user has MFA',
    provider: 'aws',
    severity: 'critical',
    description: 'The root user can do anything in the account. Both the account summary and the credential report must show an MFA device on it.',
    remediation: 'Sign in as root and assign an MFA device (IAM > Security credentials > Multi-factor authentication); prefer a hardware key.',
    messages: {
      enabled: 'Root user has MFA ({mfaType})',
      missing: 'Root user has no MFA device',
    },
  },
  async run(ctx) {
    const summary = await ctx.aws.iam.accountSummary();
    const root = rootRow(await ctx.aws.iam.credentialReport());
    const resource = root?.arn ?? rootArn(ctx.target.resource);
    const observed = { accountMfaEnabled: summary.AccountMFAEnabled ?? null, reportMfaActive: root?.mfaActive ?? null };
    // Either answer lacking its root field is missing data, not a root without MFA.
    if (!root || summary.AccountMFAEnabled === undefined) {
      const missing = !root ? 'the credential report has no <root_account> row' : 'the account summary has no AccountMFAEnabled';
      return [ctx.missing(resource, missing, observed)];
    }
    if (summary.AccountMFAEnabled !== 1 || !root.mfaActive) return [ctx.fail(resource, 'missing', observed)];
    // A virtual device on root has the root ARN as its user; otherwise the device is hardware.
    let mfaType = 'unknown';
    try {
      const devices = await ctx.aws.iam.virtualMfaDevices();
      mfaType = devices.some((d) => d.userArn === resource || d.serialNumber.endsWith(':mfa/root-account-mfa-device')) ? 'virtual' : 'hardware';
    } catch {
      // The type is context for the auditor; the verdict rests on the two facts above.
    }
    return [ctx.pass(resource, 'enabled', { ...observed, mfaType })];
  },
});
