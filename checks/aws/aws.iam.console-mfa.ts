import { defineCheck } from '../../src/core/check.js';
import { iamUsers } from '../../src/judging/aws/judge.js';

export default defineCheck({
  meta: {
    id: 'aws.iam.console-mfa',
    title: 'Console users have MFA',
    provider: 'aws',
    severity: 'high',
    description:
      'Every IAM user with a console password must have an MFA device, read from the credential report (one call for all users).',
    remediation:
      'Assign an MFA device to each listed user, or remove their console password if they do not need it; enforce MFA with an IAM policy condition (aws:MultiFactorAuthPresent).',
    messages: {
      mfa: 'Console user {user} has MFA',
      noMfa: 'Console user {user} has a password but no MFA',
      noConsoleUsers: 'No IAM user has a console password',
    },
  },
  async run(ctx) {
    const users = iamUsers(await ctx.aws.iam.credentialReport()).filter((u) => u.passwordEnabled);
    if (users.length === 0) return [ctx.notApplicable(ctx.target.resource, 'noConsoleUsers')];
    return users.map((u) => {
      const observed = { user: u.user, passwordEnabled: true, mfaActive: u.mfaActive, passwordLastUsed: u.passwordLastUsed };
      return u.mfaActive ? ctx.pass(u.arn, 'mfa', observed) : ctx.fail(u.arn, 'noMfa', observed);
    });
  },
});
