import type { CheckCase } from '../../../src/testing/check-tester.js';
import type { FakeFacts } from '../../../src/testing/run-check.js';
import { FactError } from '../../../src/core/facts.js';
import type {
  AuthorizationDetails,
  AwsFacts,
  Bucket,
  BucketEncryption,
  BucketLogging,
  BucketVersioning,
  CredentialReport,
  CredentialReportUser,
  IamUserDetail,
  KmsKeyDescription,
  KmsKeyRotation,
  ManagedPolicyDetail,
  PasswordPolicy,
  PolicyDocument,
  PublicAccessBlock,
  VirtualMfaDevice,
} from '../../../src/providers/aws/types.js';

/**
 * Builders of hand-made AWS facts for check tables: a row starts as a
 * well-kept user and a test overrides only what its case is about.
 */

export const ACCOUNT = '123456789012';
export const TARGET = { resource: `AWS::::Account:${ACCOUNT}`, options: { accountId: ACCOUNT, partition: 'aws', homeRegion: 'eu-west-1' } };

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
const principal = (kind: string, p: Principal) => ({
  arn: `arn:aws:iam::${ACCOUNT}:${kind}/${p.name}`,
  path: '/',
  attachedPolicies: [],
  inlinePolicies: [],
  ...p,
});

export function details(parts: {
  users?: Principal[];
  groups?: Principal[];
  roles?: Principal[];
  policies?: Partial<ManagedPolicyDetail>[];
}): AuthorizationDetails {
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

export function bucket(name: string, region = 'eu-west-1'): Bucket {
  return { name, arn: `arn:aws:s3:::${name}`, creationDate: '2025-01-01T00:00:00.000Z', region };
}

/** A denied call, as the fetchers report it. */
export const denied = (permission: string) => new FactError({ kind: 'denied', message: 'AccessDenied', permission });

/** An accessor that answers `value`, or fails with it when it is an Error. */
export function answer<T>(value: T | Error): () => Promise<T> {
  return async () => {
    if (value instanceof Error) throw value;
    return value;
  };
}

/** An accessor that answers per item (bucket name, key id) from a table; an Error entry fails that item. */
function perItem<T>(table: PerItem<T>, what: string): (id: string) => Promise<T> {
  return async (id) => {
    const v = table[id];
    if (v instanceof Error) throw v;
    if (v === undefined) throw new Error(`test gave no ${what} for ${id}`);
    return v;
  };
}

/** IAM facts; an Error value fails that fact. */
export function iamFacts(parts: {
  credentialReport?: CredentialReport | Error;
  accountSummary?: Record<string, number> | Error;
  passwordPolicy?: PasswordPolicy | null | Error;
  authorizationDetails?: AuthorizationDetails | Error;
  virtualMfaDevices?: VirtualMfaDevice[] | Error;
}): FakeFacts<AwsFacts> {
  const iam: FakeFacts<AwsFacts['iam']> = {};
  if (parts.credentialReport !== undefined) iam.credentialReport = answer(parts.credentialReport);
  if (parts.accountSummary !== undefined) iam.accountSummary = answer(parts.accountSummary);
  if (parts.passwordPolicy !== undefined) iam.passwordPolicy = answer(parts.passwordPolicy);
  if (parts.authorizationDetails !== undefined) iam.authorizationDetails = answer(parts.authorizationDetails);
  if (parts.virtualMfaDevices !== undefined) iam.virtualMfaDevices = answer(parts.virtualMfaDevices);
  return { iam };
}

/** What a test says about one bucket: only the facts its check reads. */
export interface BucketFacts {
  encryption?: BucketEncryption | null | Error;
  policy?: PolicyDocument | null | Error;
  publicAccessBlock?: PublicAccessBlock | null | Error;
  versioning?: BucketVersioning | Error;
  logging?: BucketLogging | Error;
}

/** S3 facts over buckets by name (a listing that fails when given an Error), the account-level block, and bucket locations by name. */
export function s3Facts(
  buckets: Record<string, BucketFacts> | Error,
  account: { publicAccessBlock?: PublicAccessBlock | null | Error; bucketRegion?: PerItem<string> } = {},
): FakeFacts<AwsFacts> {
  const table = buckets instanceof Error ? {} : buckets;
  const by = <K extends keyof BucketFacts>(k: K) =>
    perItem(
      Object.fromEntries(Object.entries(table).flatMap(([n, b]) => (b[k] === undefined ? [] : [[n, b[k]]]))) as PerItem<
        Exclude<BucketFacts[K], Error | undefined>
      >,
      k,
    );
  return {
    s3: {
      buckets: answer(buckets instanceof Error ? buckets : Object.keys(buckets).map((n) => bucket(n))),
      bucketEncryption: by('encryption'),
      bucketPolicy: by('policy'),
      publicAccessBlock: by('publicAccessBlock'),
      versioning: by('versioning'),
      logging: by('logging'),
      bucketRegion: perItem(account.bucketRegion ?? {}, 'bucket region'),
      ...(account.publicAccessBlock !== undefined ? { accountPublicAccessBlock: answer(account.publicAccessBlock) } : {}),
    },
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
    const key = Object.values(byRegion)
      .flatMap((v) => (v instanceof Error ? [] : v))
      .find((k) => k.keyId === id || k.arn === id);
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
      rotation: async (_region: string, id: string) => perItem(extra.rotation ?? {}, 'rotation')(id),
      keyPolicy: async (_region: string, id: string) => perItem(extra.keyPolicy ?? {}, 'key policy')(id),
    },
  };
}

/** The two cases every bucket check's table has: no bucket at all (`noBuckets`), and a listing that is denied. */
export const BUCKET_LISTING_CASES: Record<string, CheckCase<'aws'>> = {
  'an account without buckets is not applicable': {
    facts: s3Facts({}, { publicAccessBlock: null }),
    results: [{ resource: TARGET.resource, status: 'not_applicable', messageId: 'noBuckets' }],
  },
  'a denied listing is an error naming the permission': {
    facts: s3Facts(denied('s3:ListAllMyBuckets'), { publicAccessBlock: null }),
    results: [{ resource: TARGET.resource, status: 'error', messageId: 'notCollected', message: 's3:ListAllMyBuckets' }],
  },
};
