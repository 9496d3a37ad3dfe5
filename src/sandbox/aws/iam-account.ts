import type { AccessKey, Account } from './world.js';

/**
 * Account-wide IAM answers: the summary map and the credential report, both
 * computed from the world so that they agree with the per-user calls.
 */

export function accountSummary(a: Account): Record<string, number> {
  const devices = a.users.reduce((n, u) => n + u.mfa.length, 0) + (a.root.mfa === 'none' ? 0 : 1);
  return {
    Users: a.users.length,
    UsersQuota: 5000,
    Groups: a.groups.length,
    GroupsQuota: 300,
    Roles: a.roles.length,
    RolesQuota: 1000,
    Policies: a.policies.filter((p) => !p.awsManaged).length,
    PoliciesQuota: 1500,
    PolicySizeQuota: 6144,
    PolicyVersionsInUse: a.policies.filter((p) => !p.awsManaged).length,
    PolicyVersionsInUseQuota: 10000,
    VersionsPerPolicyQuota: 5,
    MFADevices: devices,
    MFADevicesInUse: devices,
    AccountMFAEnabled: a.root.mfa === 'none' ? 0 : 1,
    AccountAccessKeysPresent: a.root.keys.length > 0 ? 1 : 0,
    AccountSigningCertificatesPresent: 0,
    AccessKeysPerUserQuota: 2,
    AttachedPoliciesPerUserQuota: 10,
    AttachedPoliciesPerGroupQuota: 10,
    AttachedPoliciesPerRoleQuota: 10,
    GroupsPerUserQuota: 10,
    GroupPolicySizeQuota: 5120,
    UserPolicySizeQuota: 2048,
    RolePolicySizeQuota: 10240,
    AssumeRolePolicySizeQuota: 2048,
    InstanceProfiles: 0,
    InstanceProfilesQuota: 1000,
    Providers: 0,
    ServerCertificates: 0,
    ServerCertificatesQuota: 20,
    SigningCertificatesPerUserQuota: 2,
    GlobalEndpointTokenVersion: 1,
  };
}

/** The report's columns, in the order IAM writes them. */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

/** The report writes instants as `2024-01-15T10:20:30+00:00`. */
function stamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function keyColumns(k: AccessKey | undefined): string[] {
  if (!k) return ['false', 'N/A', 'N/A', 'N/A', 'N/A'];
  return [String(k.active), stamp(k.created), k.lastUsed ? stamp(k.lastUsed) : 'N/A', k.region ?? 'N/A', k.service ?? 'N/A'];
}

export function credentialReportCsv(a: Account): string {
  const rows: string[][] = [];
  const root = a.root;
  rows.push([
    // Today's report gives root a real password_enabled (false once the password is removed centrally); rotation stays not_supported.
    '<root_account>',
    `arn:aws:iam::${a.id}:root`,
    stamp(root.created),
    String(root.password),
    root.password && root.passwordLastUsed ? stamp(root.passwordLastUsed) : root.password ? 'no_information' : 'N/A',
    'not_supported',
    'not_supported',
    String(root.mfa !== 'none'),
    ...keyColumns(root.keys[0]),
    ...keyColumns(root.keys[1]),
    'false',
    'N/A',
    'false',
    'N/A',
  ]);
  const maxAge = a.passwordPolicy?.maxAgeDays;
  for (const u of a.users) {
    const c = u.console;
    const nextRotation = c && maxAge ? stamp(new Date(c.changed.getTime() + maxAge * 86_400_000)) : 'N/A';
    rows.push([
      u.name,
      u.arn,
      stamp(u.created),
      String(c !== undefined),
      c ? (c.lastUsed ? stamp(c.lastUsed) : 'no_information') : 'N/A',
      c ? stamp(c.changed) : 'N/A',
      nextRotation,
      String(u.mfa.length > 0),
      ...keyColumns(u.keys[0]),
      ...keyColumns(u.keys[1]),
      'false',
      'N/A',
      'false',
      'N/A',
    ]);
  }
  return [CREDENTIAL_REPORT_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join('\n');
}
