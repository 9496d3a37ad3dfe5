/**
 * The setting that declares an organisation of an Enterprise Managed Users
 * enterprise. Its members sign in through the enterprise's identity provider,
 * which enforces its own multi-factor authentication; GitHub's 2FA requirement
 * and filters do not apply to them. GitHub's REST and GraphQL APIs expose no
 * field that says an organisation's enterprise uses managed users, so the
 * configuration says it.
 */
export const MANAGED_USERS_SETTING = {
  managedUsers: {
    type: 'boolean',
    default: false,
    description:
      'The organisation belongs to an Enterprise Managed Users enterprise: members authenticate through the identity provider, so GitHub 2FA is not judged.',
  },
} as const;

export const MANAGED_USERS_MESSAGE = {
  managedUsers: "{org} is declared an Enterprise Managed Users organisation: sign-in, and its second factor, is the identity provider's",
};
