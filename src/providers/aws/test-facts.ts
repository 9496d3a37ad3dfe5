import type { CredentialReport, CredentialReportUser } from './types.js';

/**
 * Builders of hand-made AWS facts for check tables: a row starts as a
 * well-kept user and a test overrides only what its case is about.
 */

export const ACCOUNT = '123456789012';
export const TARGET = { resource: `arn:aws:::${ACCOUNT}` };

export function user(name: string, over: Partial<CredentialReportUser> = {}): CredentialReportUser {
  return {
    user: name,
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    isRoot: false,
    userCreationTime: '2025-01-01T00:00:00Z',
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    mfaActive: false,
    accessKeys: [
      { slot: 1, active: false, lastRotated: null, lastUsedDate: null, lastUsedService: null },
      { slot: 2, active: false, lastRotated: null, lastUsedDate: null, lastUsedService: null },
    ],
    ...over,
  };
}

export function root(over: Partial<CredentialReportUser> = {}): CredentialReportUser {
  return user('<root_account>', { arn: `arn:aws:iam::${ACCOUNT}:root`, isRoot: true, passwordEnabled: null, mfaActive: true, ...over });
}

export function key(slot: 1 | 2, lastRotated: string, lastUsedDate: string | null = null, active = true) {
  return { slot, active, lastRotated, lastUsedDate, lastUsedService: lastUsedDate ? 's3' : null };
}

export function report(...users: CredentialReportUser[]): CredentialReport {
  return { generatedTime: '2026-06-01T00:00:00Z', users };
}
