import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KmsKeyDescription } from '../../src/providers/aws/types.js';
import { loadScenario } from '../../src/sandbox/scenario.js';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import type { Provider } from '../../src/core/provider.js';
import { factsByTarget, runChecks } from '../../src/core/runner.js';
import { settingsFor } from '../../src/core/settings.js';
import { awsProvider } from '../../src/providers/aws/provider.js';
import { awsChecks, runtime, scanSandbox, type SandboxScan } from './harness.js';
import { nth } from '../helpers/nth.js';

/**
 * The acme scenario through the real SDK: each check's verdict per resource,
 * as the scenario's comments say it should be.
 */
const ACCOUNT = '418295730612';
const DEV = '529184730612';
const SANDBOX = '630418295712';
const root = (account: string) => `arn:aws:iam::${account}:root`;
const accountId = (account: string) => `AWS::::Account:${account}`;
const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const bucket = (name: string) => `arn:aws:s3:::${name}`;
const ec2 = (path: string, region = 'us-east-1') => `arn:aws:ec2:${region}:${ACCOUNT}:${path}`;
const rds = (region: string, resource: string) => `arn:aws:rds:${region}:${ACCOUNT}:${resource}`;
const table = (region: string, name: string) => `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${name}`;
const inRegion = (service: string, region: string, account: string, suffix: string) => `arn:aws:${service}:${region}:${account}:${suffix}`;

const EXPECTED: Record<string, Record<string, string>> = {
  // The member account whose root credentials were removed centrally passes root MFA with that reason.
  'aws.iam.root-mfa': { [root(ACCOUNT)]: 'pass', [root(DEV)]: 'pass', [root(SANDBOX)]: 'fail' },
  'aws.iam.root-access-keys': { [root(ACCOUNT)]: 'fail', [root(DEV)]: 'pass' },
  'aws.iam.password-policy': { [accountId(ACCOUNT)]: 'fail', [accountId(DEV)]: 'pass' },
  'aws.iam.admin-principals': { [accountId(ACCOUNT)]: 'fail', [accountId(DEV)]: 'pass' },
  'aws.iam.console-mfa': {
    [user('alice.nguyen')]: 'pass',
    [user('bob.smith')]: 'pass',
    [user('carol.jones')]: 'fail',
    [user('dave.wilson')]: 'fail',
    [user('heidi.new')]: 'pass',
  },
  'aws.iam.access-key-rotation': {
    [user('alice.nguyen')]: 'pass',
    [user('bob.smith')]: 'fail',
    [user('ci-deploy')]: 'pass',
    [user('legacy-backup')]: 'fail',
  },
  'aws.iam.unused-credentials': {
    [user('alice.nguyen')]: 'pass',
    [user('dave.wilson')]: 'fail',
    [user('legacy-backup')]: 'fail',
    [user('heidi.new')]: 'pass',
  },
  'aws.iam.role-based-access': {
    [user('alice.nguyen')]: 'pass',
    [user('erin.ops')]: 'fail',
    [user('ci-deploy')]: 'fail',
    [user('legacy-backup')]: 'fail',
  },
  'aws.iam.no-admin-policies': {
    [`arn:aws:iam::${ACCOUNT}:policy/engineers-deploy`]: 'pass',
    [`arn:aws:iam::${ACCOUNT}:policy/legacy/legacy-full-access`]: 'fail',
    [`arn:aws:iam::${ACCOUNT}:policy/draft-readonly`]: 'pass',
    [user('legacy-backup')]: 'fail',
    [`arn:aws:iam::${ACCOUNT}:group/finance`]: 'pass',
  },
  'aws.s3.default-encryption': {
    [bucket('acme-prod-app-data')]: 'pass',
    [bucket('acme-eu-analytics')]: 'pass',
    [bucket('acme-eu-customer-exports')]: 'fail',
  },
  'aws.s3.public-access-block': {
    [bucket('acme-prod-app-data')]: 'pass',
    [bucket('acme-ci-artifacts')]: 'pass', // account blocks ACLs, the bucket blocks policies
    [bucket('acme-marketing-site')]: 'fail',
    [bucket('acme-eu-customer-exports')]: 'fail',
  },
  'aws.s3.secure-transport': {
    [bucket('acme-prod-app-data')]: 'pass',
    [bucket('acme-access-logs')]: 'pass',
    [bucket('acme-marketing-site')]: 'fail',
    [bucket('acme-eu-customer-exports')]: 'fail',
  },
  'aws.s3.versioning': {
    [bucket('acme-prod-app-data')]: 'pass',
    [bucket('acme-ci-artifacts')]: 'fail',
    [bucket('acme-marketing-site')]: 'fail',
  },
  'aws.s3.access-logging': { [bucket('acme-prod-app-data')]: 'pass', [bucket('acme-access-logs')]: 'fail' },
  'aws.ec2.imdsv2': { [ec2(`instance/i-0ac3e000000000a01`)]: 'pass', [ec2(`instance/i-0ac3e000000000a02`)]: 'fail' },
  'aws.ebs.volume-encryption': { [ec2('volume/vol-0ac3e000000000a01')]: 'pass', [ec2('volume/vol-0ac3e000000000a02')]: 'fail' },
  'aws.ebs.snapshot-public': {
    'arn:aws:ec2:us-east-1::snapshot/snap-0ac3e00000000a01': 'pass',
    'arn:aws:ec2:us-east-1::snapshot/snap-0ac3e00000000a02': 'fail',
    'arn:aws:ec2:eu-west-1::snapshot/snap-0ac3e00000000e01': 'pass',
  },
  'aws.ebs.encryption-by-default': { [ec2('volume/*', 'eu-west-1')]: 'pass', [ec2('volume/*')]: 'fail' },
  'aws.vpc.flow-logs': {
    [ec2('vpc/vpc-0ac3e00000000a001')]: 'pass',
    [ec2('vpc/vpc-0ac3e00000000a002')]: 'fail',
    [ec2('vpc/vpc-0ac3e00000000e001', 'eu-west-1')]: 'fail',
  },
  'aws.rds.storage-encryption': { [rds('us-east-1', 'db:acme-prod-db')]: 'pass', [rds('eu-west-1', 'db:acme-eu-reporting')]: 'fail' },
  'aws.rds.public-access': { [rds('us-east-1', 'db:acme-ledger-1')]: 'pass', [rds('us-east-1', 'db:acme-ledger-2')]: 'fail' },
  'aws.rds.snapshot-public': {
    [rds('us-east-1', 'snapshot:acme-prod-db-pre-upgrade')]: 'pass',
    [rds('us-east-1', 'cluster-snapshot:acme-ledger-export')]: 'fail',
  },
  'aws.dynamodb.point-in-time-recovery': { [table('us-east-1', 'acme-orders')]: 'pass', [table('us-east-1', 'acme-sessions')]: 'fail' },
  'aws.backup.coverage': {
    [rds('us-east-1', 'db:acme-prod-db')]: 'pass', // automated backups kept 14 days
    [rds('us-east-1', 'cluster:acme-ledger')]: 'pass', // AWS Backup
    [table('eu-west-1', 'acme-eu-events')]: 'fail', // last recovery point 20 days old
    [table('us-east-1', 'acme-sessions')]: 'fail',
  },
  'aws.inspector.enabled': {
    [`arn:aws:inspector2:us-east-1:${ACCOUNT}:*`]: 'pass',
    [`arn:aws:inspector2:eu-west-1:${ACCOUNT}:*`]: 'fail', // a critical finding 60 days old
    [`arn:aws:inspector2:eu-west-1:${DEV}:*`]: 'pass',
    [`arn:aws:inspector2:eu-west-1:${SANDBOX}:*`]: 'fail', // never enabled: DISABLED
  },
  'aws.ssm.patch-compliance': {
    [`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0a1b2c3d4e5f60001`]: 'pass',
    [`arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0a1b2c3d4e5f60002`]: 'fail',
    [`arn:aws:ssm:eu-west-1:${ACCOUNT}:managed-instance/mi-0123456789abcdef0`]: 'fail',
  },
  'aws.accessanalyzer.external-access': {
    [`arn:aws:access-analyzer:us-east-1:${ACCOUNT}:analyzer/*`]: 'pass', // organisation analyzer
    [`arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/*`]: 'fail',
    [`arn:aws:access-analyzer:eu-west-1:${SANDBOX}:analyzer/*`]: 'fail', // only an unused-access analyzer
  },
  'aws.cloudtrail.multi-region': { [accountId(ACCOUNT)]: 'pass', [accountId(DEV)]: 'pass', [accountId(SANDBOX)]: 'fail' },
  'aws.cloudtrail.integrity': { [accountId(ACCOUNT)]: 'pass', [accountId(DEV)]: 'fail', [accountId(SANDBOX)]: 'fail' },
  'aws.guardduty.enabled': {
    [inRegion('guardduty', 'us-east-1', ACCOUNT, 'detector/*')]: 'pass',
    [inRegion('guardduty', 'eu-west-1', ACCOUNT, 'detector/*')]: 'fail',
    [inRegion('guardduty', 'eu-west-1', DEV, 'detector/*')]: 'pass',
    [inRegion('guardduty', 'eu-west-1', SANDBOX, 'detector/*')]: 'fail',
  },
  'aws.securityhub.enabled': {
    [inRegion('securityhub', 'us-east-1', ACCOUNT, 'hub/default')]: 'pass',
    [inRegion('securityhub', 'eu-west-1', ACCOUNT, 'hub/default')]: 'fail',
    [inRegion('securityhub', 'eu-west-1', DEV, 'hub/default')]: 'pass',
    [inRegion('securityhub', 'eu-west-1', SANDBOX, 'hub/default')]: 'fail',
  },
  'aws.config.recorder': {
    [inRegion('config', 'us-east-1', ACCOUNT, 'configuration-recorder/*')]: 'pass',
    [inRegion('config', 'eu-west-1', ACCOUNT, 'configuration-recorder/*')]: 'fail',
    [inRegion('config', 'eu-west-1', DEV, 'configuration-recorder/*')]: 'pass',
    [inRegion('config', 'eu-west-1', SANDBOX, 'configuration-recorder/*')]: 'fail',
  },
  'aws.logs.retention': {
    [inRegion('logs', 'us-east-1', ACCOUNT, 'log-group:/ecs/acme-app')]: 'pass',
    [inRegion('logs', 'us-east-1', ACCOUNT, 'log-group:/aws/lambda/acme-thumbnailer')]: 'fail',
    [inRegion('logs', 'eu-west-1', ACCOUNT, 'log-group:/acme/eu-analytics/etl')]: 'pass',
    [inRegion('logs', 'eu-west-1', ACCOUNT, 'log-group:/acme/eu-analytics/debug')]: 'fail',
    [accountId(DEV)]: 'not_applicable',
  },
};

/** KMS keys are named in the scenario by description; their ids are generated. */
const EXPECTED_KEYS: Record<string, Record<string, string>> = {
  'aws.kms.key-rotation': {
    'Application data at rest': 'pass',
    'Nightly backups': 'fail',
    'Signs release artifacts': 'not_applicable',
    'EU customer data at rest': 'pass',
  },
  'aws.kms.key-spec': {
    'Application data at rest': 'pass',
    'RSA envelope key of the old export pipeline': 'pass',
    'Signs release artifacts': 'not_applicable',
  },
  'aws.kms.key-policy-public': {
    'Shared with a partner for file exchange': 'fail',
    'EU customer data at rest': 'pass',
    'Application data at rest': 'pass',
  },
};

let scan: SandboxScan;
beforeAll(async () => {
  scan = await scanSandbox(loadScenario('acme').aws);
});
afterAll(() => scan?.handle.stop());

describe('acme through the real AWS SDK', () => {
  // Outside the China regions every encryption key spec KMS offers (SYMMETRIC_DEFAULT, RSA_2048 and up) is acceptable: its fail is in the table (SM2).
  const NO_FAIL_POSSIBLE = new Set(['aws.kms.key-spec']);

  it('every per-resource AWS check has both a pass and a fail, and nothing is an error', async () => {
    const ids = (await awsChecks()).map((c) => c.meta.id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) {
      const statuses = [...new Set([...scan.of(id).values()].map((r) => r.status))].sort();
      if (NO_FAIL_POSSIBLE.has(id)) expect([id, statuses.filter((s) => s === 'fail')]).toEqual([id, []]);
      else expect([id, statuses.filter((s) => s === 'pass' || s === 'fail')]).toEqual([id, ['fail', 'pass']]);
    }
    expect(scan.results.filter((r) => r.status === 'error')).toEqual([]);
  });

  for (const [id, expected] of Object.entries(EXPECTED)) {
    it(`${id} judges each resource as the scenario says`, () => {
      const got = scan.of(id);
      for (const [resource, status] of Object.entries(expected)) expect([resource, got.get(resource)?.status]).toEqual([resource, status]);
    });
  }

  it('KMS checks judge each key as the scenario says, in both regions', () => {
    const keys = scan.store
      .snapshot()
      .filter((f) => f.key.startsWith('aws.kms.describeKey('))
      .map((f) => f.value as KmsKeyDescription);
    const arnOf = (description: string) => keys.find((k) => k.description === description)!.arn;
    expect(new Set(keys.map((k) => k.arn.split(':')[3]))).toEqual(new Set(['us-east-1', 'eu-west-1']));
    for (const [id, expected] of Object.entries(EXPECTED_KEYS)) {
      const got = scan.of(id);
      for (const [description, status] of Object.entries(expected))
        expect([id, description, got.get(arnOf(description))?.status]).toEqual([id, description, status]);
    }
  });

  it('names the open security group rules and what holds each group; default groups keep or lose the rules EC2 made', () => {
    const byName = (id: string) => [...scan.of(id).values()].filter((r) => r.resource.includes(':418295730612:'));
    const ingress = byName('aws.ec2.security-group-ingress').map((r) => [r.status, r.message]);
    expect(ingress).toEqual(
      expect.arrayContaining([
        ['fail', expect.stringMatching(/tcp 22 from 0\.0\.0\.0\/0; attached to i-0ac3e000000000a02$/)],
        ['fail', expect.stringMatching(/tcp 5432 from 0\.0\.0\.0\/0; attached to no network interface$/)],
      ]),
    );
    expect(ingress.filter(([s]) => s === 'fail')).toHaveLength(2);
    const defaults = byName('aws.ec2.default-security-group').map((r) => [r.observed?.vpcId, r.status]);
    expect(defaults.sort()).toEqual([
      ['vpc-0ac3e00000000a001', 'pass'],
      ['vpc-0ac3e00000000a002', 'fail'],
      ['vpc-0ac3e00000000e001', 'fail'],
    ]);
    expect(scan.of('aws.ec2.imdsv2').get(ec2('instance/i-0ac3e000000000e01', 'eu-west-1'))?.status).toBe('not_applicable');
  });

  it('records what the verdicts rest on', () => {
    expect(scan.of('aws.iam.root-mfa').get(root(ACCOUNT))?.observed).toMatchObject({ mfaType: 'hardware' });
    expect(scan.of('aws.iam.root-mfa').get(root(DEV))).toMatchObject({
      messageId: 'noCredentials',
      observed: { passwordEnabled: false, activeKeys: 0 },
    });
    expect(scan.of('aws.s3.default-encryption').get(bucket('acme-prod-app-data'))?.observed).toMatchObject({ sseCBlocked: true });
    expect(scan.of('aws.s3.default-encryption').get(bucket('acme-eu-analytics'))?.observed).toMatchObject({
      sseCBlocked: false,
      algorithm: 'aws:kms:dsse',
      kmsKeyId: expect.stringMatching(/^arn:aws:kms:eu-west-1:418295730612:key\//),
    });
    const admins = scan.of('aws.iam.admin-principals').get(accountId(ACCOUNT))?.observed?.principals as { arn: string }[];
    expect(admins.map((p) => p.arn)).toContain(user('legacy-backup'));
  });

  it('reads each fact once and each bucket through its own region', () => {
    const stats = scan.handle.stats!() as { byOperation: Record<string, number> };
    // Once per account: acme-prod and its two member accounts.
    expect(stats.byOperation['iam:GetCredentialReport']).toBe(3);
    expect(stats.byOperation['iam:GetAccountAuthorizationDetails']).toBe(3);
    expect(stats.byOperation['s3:GetBucketPolicy']).toBe(7);
    // One role session per member account, whatever number of services and regions its clients cover.
    expect(stats.byOperation['sts:AssumeRole']).toBe(2);
    // One DescribeTrails per account answers for every region; the trail bucket's block is the S3 checks' own fact.
    expect(stats.byOperation['cloudtrail:DescribeTrails']).toBe(3);
    const euCalls = scan.store.snapshot().find((f) => f.key === 'aws.s3.bucketEncryption(acme-eu-analytics)')!.calls;
    expect(euCalls.map((c) => [c.operation, c.status])).toEqual([['s3:GetEncryptionConfiguration', 200]]);
  });

  it('replayed from its own snapshot, without the network, gives the same verdicts', async () => {
    const snapshot = JSON.parse(JSON.stringify(scan.store.snapshot()));
    const store = new FactStore(new Pools(), snapshot);
    const offline = scan.handle.targets.map((t) => ({
      ...t,
      options: { ...t.options, endpoints: { iam: 'http://127.0.0.1:9', sts: 'http://127.0.0.1:9' } },
    }));
    const replayed = await runChecks({
      checks: await awsChecks(),
      targets: offline,
      store,
      factsOf: factsByTarget(new Map([['aws', awsProvider as Provider]]), store, runtime),
      runtime,
      settingsOf: (c) => settingsFor(c),
      now: scan.now,
      concurrency: 8,
      checkTimeoutMs: 10_000,
    });
    const verdicts = (rs: typeof replayed) => rs.map((r) => `${r.checkId} ${r.resource} ${r.status}`).sort();
    expect(verdicts(replayed)).toEqual(verdicts(scan.results));
  });

  it('names, per result, only the facts its own resource rests on', () => {
    for (const r of [...scan.of('aws.s3.versioning').values(), ...scan.of('aws.s3.public-access-block').values()]) {
      const name = r.resource.replace('arn:aws:s3:::', '');
      const perBucket = r.factRefs.filter((ref) => ref.endsWith(')'));
      expect([r.resource, perBucket.every((ref) => ref.endsWith(`(${name})`))]).toEqual([r.resource, true]);
    }
    const key = nth([...scan.of('aws.kms.key-spec').values()], 0);
    expect(key.factRefs.filter((ref) => ref.includes('describeKey'))).toHaveLength(1);
  });
});
