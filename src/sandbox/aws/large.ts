import { Document, isMap, isScalar, isSeq, visit } from 'yaml';
import { byIndex, type Pick } from '../generate/pick.js';
import { dataPart } from './large-data.js';
import { ec2Part } from './large-ec2.js';
import { monitoringPart } from './large-monitoring.js';
import { LARGE_ACCOUNT, pad, type AccountPart, type LargeSizes } from './large-sizes.js';
import type { AccountSpec, AwsScenario } from './scenario.js';

/**
 * The `aws-large` scenario and the AWS part of generated estates (see
 * src/sandbox/generate/estate.ts): one account with more users, policies,
 * buckets and keys than one page of any list holds (IAM's default MaxItems
 * and KMS's default Limit are 100), so that every paginated read is
 * exercised. Good and bad settings alternate by index (or by a seeded pick),
 * so that counts are predictable: fixtures/scenarios/aws-large.yaml is this
 * function's unseeded output (a test keeps them equal).
 */
export type { AccountPart, LargeSizes } from './large-sizes.js';

export const LARGE_SIZES: LargeSizes = { users: 130, policies: 115, buckets: 120, keysPerRegion: 105 };

/** Regions in the order generated accounts enable them. */
export const ESTATE_REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];

const GROUPS = ['platform', 'data', 'support', 'readers'];

const iamPart: AccountPart = (sizes, regions, pick) => ({
  groups: GROUPS.map((name, i) => ({ name, policies: [i === 0 ? 'PowerUserAccess' : 'ReadOnlyAccess'] })),
  policies: Array.from({ length: sizes.policies }, (_, i) => ({
    name: `svc-${pad(i)}-access`,
    path: pick(i, 'policy-path') % 10 === 0 ? '/services/' : '/',
    document: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: pick(i, 'policy-admin') % 23 === 0 ? '*' : [`s3:GetObject`, `sqs:SendMessage`],
          Resource: pick(i, 'policy-admin') % 23 === 0 ? '*' : `arn:aws:s3:::globex-${pad(i)}/*`,
        },
      ],
    },
  })),
  users: Array.from({ length: sizes.users }, (_, i) => ({
    name: `user-${pad(i)}`,
    created: { days: 400 + i },
    ...(pick(i, 'console') % 3 === 0 ? {} : { console: { lastUsed: { days: i % 50 } } }),
    ...(pick(i, 'mfa') % 7 === 0 ? {} : { mfa: [{ type: pick(i, 'mfa-type') % 11 === 0 ? ('hardware' as const) : ('virtual' as const) }] }),
    accessKeys:
      pick(i, 'access-key') % 2 === 0
        ? [{ age: { days: (i * 3) % 200 }, lastUsed: { ago: { days: i % 60 }, service: 's3', region: regions[i % regions.length]! } }]
        : [],
    groups: [GROUPS[i % GROUPS.length]!],
    ...(pick(i, 'user-policy') % 13 === 0 ? { policies: [`svc-${pad(i % sizes.policies)}-access`] } : {}),
  })),
  roles: Array.from({ length: sizes.roles ?? 12 }, (_, i) => ({
    name: `service-role-${pad(i)}`,
    policies: [`svc-${pad(i % sizes.policies)}-access`],
  })),
});

const s3Part: AccountPart = (sizes, regions, pick) => ({
  buckets: Array.from({ length: sizes.buckets }, (_, i) => ({
    name: `globex-${pad(i)}`,
    region: regions[i % regions.length]!,
    ...(pick(i, 'encryption') % 9 === 0 ? { encryption: 'none' as const } : {}),
    ...(pick(i, 'versioning') % 4 === 0 ? { versioning: 'Enabled' as const } : {}),
    ...(pick(i, 'logging') % 5 === 0 ? { logging: { targetBucket: 'globex-000', targetPrefix: `b${pad(i)}/` } } : {}),
  })),
});

const kmsPart: AccountPart = (sizes, regions, pick) => ({
  kmsKeys: regions.flatMap((region) =>
    Array.from({ length: sizes.keysPerRegion }, (_, i) => ({
      region,
      aliases: [`alias/globex-${region}-${pad(i)}`],
      rotation: pick(i, `rotation-${region}`) % 3 !== 0,
      ...(pick(i, `spec-${region}`) % 17 === 0 ? { spec: 'RSA_2048', usage: 'ENCRYPT_DECRYPT' as const } : {}),
    })),
  ),
});

export const ACCOUNT_PARTS: AccountPart[] = [iamPart, s3Part, kmsPart, ec2Part, monitoringPart, dataPart];

export function largeAwsScenario(sizes: LargeSizes = LARGE_SIZES, pick: Pick = byIndex): AwsScenario {
  const regions = ESTATE_REGIONS.slice(0, sizes.regions ?? 2);
  const account: AccountSpec = {
    id: LARGE_ACCOUNT,
    alias: 'globex-prod',
    regions,
    root: { mfa: 'virtual' },
    passwordPolicy: {
      minimumLength: 14,
      requireSymbols: true,
      requireNumbers: true,
      requireUppercase: true,
      requireLowercase: true,
      allowUsersToChange: true,
      maxAgeDays: 90,
      reusePrevention: 24,
    },
    // Every bucket is covered by the account-level block, whatever its own configuration.
    publicAccessBlock: true,
  };
  for (const part of ACCOUNT_PARTS) Object.assign(account, part(sizes, regions, pick));
  return { homeRegion: regions[0]!, accounts: [account] };
}

const LISTS = new Set([
  ...['users', 'groups', 'roles', 'policies', 'buckets', 'kmsKeys', 'trails', 'logGroups'],
  ...['vpcs', 'securityGroups', 'instances', 'volumes', 'snapshots', 'clusters', 'dynamodbTables', 'backupProtected', 'managedNodes'],
]);

/** The whole scenario file, as fixtures/scenarios/aws-large.yaml holds it. */
export function largeScenarioYaml(): string {
  const header = [
    '# aws-large: one account with more than one page of users, policies, buckets and keys,',
    '# for pagination tests and benchmarks. Generated by largeScenarioYaml() in',
    '# src/sandbox/aws/large.ts (a test keeps this file equal to its output): edit there, then run',
    '# npx tsx -e "import(\'./src/sandbox/aws/large.ts\').then((m) => process.stdout.write(m.largeScenarioYaml()))" > fixtures/scenarios/aws-large.yaml',
    '',
  ].join('\n');
  const scenario = {
    name: 'aws-large',
    description: 'Globex: a large AWS account for pagination tests and benchmarks.',
    aws: largeAwsScenario(),
  };
  const doc = new Document(scenario);
  // One line per user, policy, bucket or key keeps the file readable.
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && LISTS.has(String(pair.key.value)) && isSeq(pair.value)) {
        for (const item of pair.value.items) if (isMap(item)) item.flow = true;
      }
    },
  });
  return header + doc.toString({ lineWidth: 0 });
}
