import { defineCheck } from '../../src/core/check.js';
import { MANAGED_USERS_MESSAGE, MANAGED_USERS_SETTING } from '../../src/judging/github/managed-users.js';
import { settleAll } from '../../src/core/settle.js';

export default defineCheck({
  meta: {
    id: 'github.org.members-without-2fa',
    title: 'No member or outside collaborator lacks secure two-factor authentication',
    provider: 'github',
    severity: 'high',
    description:
      'Lists, with the filters GitHub offers organisation owners, members and outside collaborators with 2FA disabled (filter=2fa_disabled) and those ' +
      'whose only second factor is an insecure method such as SMS (filter=2fa_insecure) on /orgs/{org}/members and /orgs/{org}/outside_collaborators. ' +
      'Any of them can reach the code with a password alone, or with a factor that can be intercepted. An organisation declared an Enterprise Managed ' +
      'Users one (setting managedUsers) is not applicable: its members sign in through the identity provider.',
    remediation:
      'Ask the listed people to enable 2FA with an authenticator app, security key or passkey, or require (secure) 2FA for the organisation.',
    messages: {
      none: 'Every member and outside collaborator of {org} has secure two-factor authentication',
      some: '{count} account(s) of {org} without secure two-factor authentication: {accounts}',
      ...MANAGED_USERS_MESSAGE,
    },
    settings: MANAGED_USERS_SETTING,
  },
  async run(ctx) {
    const r = ctx.target.resource;
    const org = r.replace(/^github:/, '');
    if (ctx.settings.managedUsers) return [ctx.notApplicable(r, 'managedUsers', { org })];
    const logins = async (p: Promise<{ login: string }[]>) => (await p).map((m) => m.login).sort();
    const [members, insecureMembers, outsideCollaborators, insecureOutsideCollaborators] = await settleAll([
      logins(ctx.github.membersWithout2fa()),
      logins(ctx.github.twoFactorAccounts('members', '2fa_insecure')),
      logins(ctx.github.twoFactorAccounts('outside_collaborators', '2fa_disabled')),
      logins(ctx.github.twoFactorAccounts('outside_collaborators', '2fa_insecure')),
    ]);
    const accounts = [
      ...members.map((l) => `${l} (member, 2FA disabled)`),
      ...insecureMembers.map((l) => `${l} (member, insecure 2FA)`),
      ...outsideCollaborators.map((l) => `${l} (outside collaborator, 2FA disabled)`),
      ...insecureOutsideCollaborators.map((l) => `${l} (outside collaborator, insecure 2FA)`),
    ];
    const observed = {
      org,
      count: accounts.length,
      accounts,
      members,
      insecureMembers,
      outsideCollaborators,
      insecureOutsideCollaborators,
    };
    return [accounts.length === 0 ? ctx.pass(r, 'none', observed) : ctx.fail(r, 'some', observed)];
  },
});
