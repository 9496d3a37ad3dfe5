import { firstPart } from '../../core/text.js';
import { awsManagedPolicy } from './aws-managed.js';
import { buildDataWorld, type DataWorld } from './data-world.js';
import { ago, hexId, iamId, uuid } from './ids.js';
import { buildEc2, type Ec2World } from './world-ec2.js';
import { buildMonitoring, type MonitoringWorld } from './world-monitoring.js';
import type {
  AccessKeySpec,
  AccountSpec,
  AwsScenario,
  BucketSpec,
  KmsKeySpec,
  PolicyDocument,
  PublicAccessBlockSpec,
  RootSpec,
} from './scenario.js';

/**
 * The scenario resolved once at start: ages turned into instants, ids and
 * ARNs generated, references (groups, policies) checked. Protocol handlers
 * read this and never the raw scenario.
 */

export interface AccessKey {
  id: string;
  active: boolean;
  created: Date;
  lastUsed?: Date;
  service?: string;
  region?: string;
}
export interface MfaDevice {
  serial: string;
  virtual: boolean;
  enabled: Date;
}
export interface Attachment {
  name: string;
  arn: string;
}
export interface Principal {
  kind: 'user' | 'group' | 'role';
  name: string;
  path: string;
  id: string;
  arn: string;
  created: Date;
  attached: Attachment[];
  inline: Record<string, PolicyDocument>;
  tags: Record<string, string>;
}
export interface User extends Principal {
  kind: 'user';
  console?: { lastUsed?: Date; changed: Date };
  mfa: MfaDevice[];
  keys: AccessKey[];
  groups: string[];
}
export interface Group extends Principal {
  kind: 'group';
}
export interface Role extends Principal {
  kind: 'role';
  description?: string;
  trust: PolicyDocument;
  externalId?: string;
  lastUsed?: { at: Date; region?: string };
}
export interface ManagedPolicy {
  name: string;
  path: string;
  id: string;
  arn: string;
  description: string;
  version: string;
  created: Date;
  updated: Date;
  document: PolicyDocument;
  awsManaged: boolean;
}
export interface Bucket extends Omit<BucketSpec, 'created' | 'publicAccessBlock'> {
  created: Date;
  arn: string;
  publicAccessBlock?: PublicAccessBlockSpec;
}
export interface KmsKey {
  id: string;
  arn: string;
  region: string;
  aliases: string[];
  description: string;
  manager: 'CUSTOMER' | 'AWS';
  spec: string;
  usage: string;
  state: string;
  origin: string;
  rotation: boolean;
  rotationPeriodDays: number;
  created: Date;
  policy: PolicyDocument;
}
export interface Account {
  id: string;
  alias?: string;
  name: string;
  email: string;
  regions: string[];
  callerArn: string;
  callerId: string;
  root: { mfa: 'virtual' | 'hardware' | 'none'; keys: AccessKey[]; password: boolean; passwordLastUsed?: Date; created: Date };
  passwordPolicy?: AccountSpec['passwordPolicy'];
  users: User[];
  groups: Group[];
  roles: Role[];
  /** Customer-managed policies, then the AWS-managed ones attached anywhere in the account. */
  policies: ManagedPolicy[];
  publicAccessBlock?: PublicAccessBlockSpec;
  buckets: Bucket[];
  keys: KmsKey[];
  monitoring: MonitoringWorld;
  deny: AwsScenario['deny'];
  created: Date;
  /** RDS, DynamoDB, Backup, Inspector, SSM and Access Analyzer. */
  data: DataWorld;
  ec2: Ec2World;
}
export interface World {
  now: Date;
  homeRegion: string;
  accounts: Account[];
  organization?: { id: string; managementAccount: string };
}

const ALL_BLOCKED: PublicAccessBlockSpec = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

export function buildWorld(scenario: AwsScenario, now: Date): World {
  const accounts = scenario.accounts.map((a) => buildAccount(a, now));
  const home = accounts[0];
  if (!home) throw new Error('aws scenario: no accounts');
  const organization = scenario.organization
    ? {
        id: scenario.organization.id ?? `o-${hexId(`org:${home.id}`, 10)}`,
        managementAccount: scenario.organization.managementAccount ?? home.id,
      }
    : undefined;
  const homeRegion = scenario.homeRegion ?? home.regions[0];
  if (!homeRegion) throw new Error(`aws scenario: account ${home.id} has no region`);
  return { now, homeRegion, accounts, organization };
}

function keysOf(seed: string, specs: AccessKeySpec[] | undefined, now: Date): AccessKey[] {
  if ((specs?.length ?? 0) > 2) throw new Error(`${seed}: IAM allows at most two access keys`);
  return (specs ?? []).map((k, i) => ({
    id: iamId('AKIA', `${seed}:key:${i}`, 20),
    active: k.active ?? true,
    created: ago(k.age, now)!,
    lastUsed: ago(k.lastUsed?.ago, now),
    service: k.lastUsed?.ago !== undefined ? (k.lastUsed.service ?? 'iam') : undefined,
    region: k.lastUsed?.ago !== undefined ? (k.lastUsed.region ?? 'us-east-1') : undefined,
  }));
}

function buildAccount(spec: AccountSpec, now: Date): Account {
  const id = spec.id;
  const created = new Date(now.getTime() - 1500 * 86_400_000);
  const when = (age: Parameters<typeof ago>[0], fallback = created) => ago(age, now) ?? fallback;
  const policies: ManagedPolicy[] = (spec.policies ?? []).map((p) => {
    const made = when(p.created);
    return {
      name: p.name,
      path: p.path ?? '/',
      id: iamId('ANPA', `${id}:policy:${p.name}`),
      arn: `arn:aws:iam::${id}:policy${p.path ?? '/'}${p.name}`,
      description: p.description ?? '',
      version: p.version ?? 'v1',
      created: made,
      updated: made,
      document: p.document,
      awsManaged: false,
    };
  });
  const resolve = (owner: string, ref: string): Attachment => {
    const local = policies.find((p) => p.name === ref || p.arn === ref);
    if (local) return { name: local.name, arn: local.arn };
    const awsName = ref.startsWith('arn:aws:iam::aws:policy/') ? ref.split('/').pop()! : ref;
    let p = policies.find((q) => q.awsManaged && q.name === awsName);
    if (!p) {
      p = awsManagedPolicy(awsName);
      if (!p) throw new Error(`${owner}: unknown policy "${ref}" (not a customer policy of account ${id}, nor a known AWS-managed policy)`);
      policies.push(p);
    }
    return { name: p.name, arn: p.arn };
  };
  const base = (
    kind: 'user' | 'group' | 'role',
    prefix: string,
    s: {
      name: string;
      path?: string;
      created?: Parameters<typeof ago>[0];
      policies?: string[];
      inlinePolicies?: Record<string, PolicyDocument>;
      tags?: Record<string, string>;
    },
  ) => ({
    name: s.name,
    path: s.path ?? '/',
    id: iamId(prefix, `${id}:${kind}:${s.name}`),
    arn: `arn:aws:iam::${id}:${kind}${s.path ?? '/'}${s.name}`,
    created: when(s.created),
    attached: (s.policies ?? []).map((r) => resolve(`${kind} ${s.name}`, r)),
    inline: s.inlinePolicies ?? {},
    tags: s.tags ?? {},
  });
  const groups: Group[] = (spec.groups ?? []).map((g) => ({ kind: 'group', ...base('group', 'AGPA', g) }));
  const users: User[] = (spec.users ?? []).map((u) => {
    for (const g of u.groups ?? [])
      if (!groups.some((x) => x.name === g)) throw new Error(`user ${u.name}: unknown group "${g}" in account ${id}`);
    const b = base('user', 'AIDA', u);
    return {
      kind: 'user',
      ...b,
      console: u.console ? { lastUsed: ago(u.console.lastUsed, now), changed: when(u.console.changed, b.created) } : undefined,
      mfa: (u.mfa ?? []).map((m, i) => ({
        serial:
          m.type === 'virtual'
            ? `arn:aws:iam::${id}:mfa/${m.name ?? `${u.name}${i ? `-${i + 1}` : ''}`}`
            : (m.name ?? `GAHT${hexId(`${id}:${u.name}:${i}`, 8).toUpperCase()}`),
        virtual: m.type === 'virtual',
        enabled: when(m.enabled, b.created),
      })),
      keys: keysOf(`${id}:${u.name}`, u.accessKeys, now),
      groups: u.groups ?? [],
    };
  });
  const roles: Role[] = (spec.roles ?? []).map((r) => ({
    kind: 'role',
    ...base('role', 'AROA', r),
    description: r.description,
    externalId: r.externalId,
    trust: r.trust ?? {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${id}:root` }, Action: 'sts:AssumeRole' }],
    },
    lastUsed: r.lastUsed ? { at: ago(r.lastUsed.ago, now)!, region: r.lastUsed.region } : undefined,
  }));
  const root: RootSpec = spec.root ?? {};
  const keys = (spec.kmsKeys ?? []).map((k, i) => buildKey(id, k, i, when(k.created)));
  return {
    id,
    alias: spec.alias,
    name: spec.name ?? spec.alias ?? `account-${id}`,
    email: spec.email ?? `aws+${id}@example.com`,
    regions: spec.regions,
    callerArn: spec.caller ?? `arn:aws:iam::${id}:user/annexa-scanner`,
    callerId: iamId('AIDA', `${id}:caller`),
    root: {
      mfa: root.mfa ?? 'none',
      keys: keysOf(`${id}:root`, root.accessKeys, now),
      password: root.password ?? true,
      passwordLastUsed: ago(root.passwordLastUsed, now),
      created,
    },
    passwordPolicy: spec.passwordPolicy,
    users,
    groups,
    roles,
    policies,
    publicAccessBlock: spec.publicAccessBlock === true ? ALL_BLOCKED : spec.publicAccessBlock,
    buckets: (spec.buckets ?? []).map((b) => ({
      ...b,
      created: when(b.created),
      arn: `arn:aws:s3:::${b.name}`,
      publicAccessBlock: b.publicAccessBlock === true ? ALL_BLOCKED : b.publicAccessBlock,
    })),
    keys,
    monitoring: buildMonitoring(id, spec, now, keys),
    deny: spec.deny,
    created,
    data: buildDataWorld(spec, now, created),
    ec2: buildEc2(id, spec, now, created),
  };
}

const KEY_USAGE: Record<string, string> = { HMAC: 'GENERATE_VERIFY_MAC', ECC_SECG_P256K1: 'SIGN_VERIFY', ML_DSA: 'SIGN_VERIFY' };

function buildKey(account: string, k: KmsKeySpec, index: number, created: Date): KmsKey {
  const id = k.id ?? uuid(`${account}:${k.region}:key:${k.aliases?.[0] ?? index}`);
  const spec = k.spec ?? 'SYMMETRIC_DEFAULT';
  const usage = k.usage ?? KEY_USAGE[firstPart(spec, '_')] ?? (spec.startsWith('ECC_') ? 'SIGN_VERIFY' : 'ENCRYPT_DECRYPT');
  const manager = k.manager ?? 'CUSTOMER';
  return {
    id,
    arn: `arn:aws:kms:${k.region}:${account}:key/${id}`,
    region: k.region,
    aliases: k.aliases ?? [],
    description:
      k.description ??
      (manager === 'AWS'
        ? `Default key that protects my ${(k.aliases?.[0] ?? 'alias/aws/service').split('/').pop()} data when no other key is defined`
        : ''),
    manager,
    spec,
    usage,
    state: k.state ?? 'Enabled',
    origin: k.origin ?? 'AWS_KMS',
    rotation: manager === 'AWS' ? true : (k.rotation ?? false),
    rotationPeriodDays: manager === 'AWS' ? 365 : (k.rotationPeriodDays ?? 365),
    created,
    policy: k.policy ?? {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        {
          Sid: 'Enable IAM User Permissions',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    },
  };
}
