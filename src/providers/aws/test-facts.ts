import type { FakeFacts } from '../../testing/run-check.js';
import type { AuthorizationDetails, AwsFacts, CredentialReport, CredentialReportUser, IamUserDetail, KmsKeyDescription, KmsKeyRotation, ManagedPolicyDetail, PolicyDocument } from './types.js';

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

export const ADMIN_DOC = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
export const READ_DOC = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' } };
export const ADMINISTRATOR_ACCESS = { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess' };

type Principal = Partial<IamUserDetail> & { name: string };
const principal = (kind: string, p: Principal) => ({ arn: `arn:aws:iam::${ACCOUNT}:${kind}/${p.name}`, path: '/', attachedPolicies: [], inlinePolicies: [], ...p });

export function details(parts: { users?: Principal[]; groups?: Principal[]; roles?: Principal[]; policies?: Partial<ManagedPolicyDetail>[] }): AuthorizationDetails {
  return {
    users: (parts.users ?? []).map((u) => ({ groups: [], ...principal('user', u) })),
    groups: (parts.groups ?? []).map((g) => principal('group', g)),
    roles: (parts.roles ?? []).map((r) => principal('role', r)),
    policies: (parts.policies ?? []).map((p, i) => ({
      name: `policy-${i}`,
      arn: `arn:aws:iam::${ACCOUNT}:policy/${p.name ?? `policy-${i}`}`,
      attachmentCount: 1,
      defaultVersionId: 'v1',
      document: READ_DOC,
      ...p,
    })),
  };
}

export function bucket(name: string, region = 'eu-west-1') {
  return { name, arn: `arn:aws:s3:::${name}`, creationDate: '2025-01-01T00:00:00.000Z', region };
}

/** An accessor that answers per bucket name from a table; a FactError-like failure for names mapped to an Error. */
export function perBucket<T = never>(table: Record<string, unknown>): (name: string) => Promise<T> {
  return async (name) => {
    const v = table[name];
    if (v instanceof Error) throw v;
    if (v === undefined) throw new Error(`test gave no fact for bucket ${name}`);
    return v as T;
  };
}

export function kmsKey(id: string, over: Partial<KmsKeyDescription> = {}, region = 'eu-west-1'): KmsKeyDescription {
  return {
    keyId: id,
    arn: `arn:aws:kms:${region}:${ACCOUNT}:key/${id}`,
    keyManager: 'CUSTOMER',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    keyState: 'Enabled',
    origin: 'AWS_KMS',
    description: null,
    ...over,
  };
}

/** A table by key id or bucket name; an Error entry fails that item's fact, as a denied call would. */
export type PerItem<T> = Record<string, T | Error>;

/** KMS facts over keys per region; a region mapped to an Error fails its listing. */
export function kmsFacts(
  byRegion: Record<string, KmsKeyDescription[] | Error>,
  extra: { rotation?: PerItem<KmsKeyRotation>; keyPolicy?: PerItem<PolicyDocument | null> } = {},
): FakeFacts<AwsFacts> {
  const find = (id: string) => {
    const key = Object.values(byRegion).flatMap((v) => (v instanceof Error ? [] : v)).find((k) => k.keyId === id);
    if (!key) throw new Error(`test gave no key ${id}`);
    return key;
  };
  return {
    regions: async () => Object.keys(byRegion),
    kms: {
      keys: async (region: string) => {
        const v = byRegion[region];
        if (v === undefined) throw new Error(`test gave no keys for ${region}`);
        if (v instanceof Error) throw v;
        return v.map((k) => ({ keyId: k.keyId, keyArn: k.arn }));
      },
      describeKey: async (_region: string, id: string) => find(id),
      rotation: async (_region: string, id: string) => perBucket<KmsKeyRotation>(extra.rotation ?? {})(id),
      keyPolicy: async (_region: string, id: string) => perBucket<PolicyDocument | null>(extra.keyPolicy ?? {})(id),
    },
  };
}
