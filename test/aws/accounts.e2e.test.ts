import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactStore } from '../../src/core/facts.js';
import { Pools } from '../../src/core/pools.js';
import type { Provider, ProviderRuntime, SandboxHandle } from '../../src/core/provider.js';
import { factsByTarget, runChecks } from '../../src/core/runner.js';
import { settingsFor } from '../../src/core/settings.js';
import type { Target } from '../../src/core/types.js';
import { awsProvider } from '../../src/providers/aws/provider.js';
import type { AwsTargetOptions } from '../../src/providers/aws/types.js';
import { awsChecks, runtime } from './harness.js';
import { nth } from '../helpers/nth.js';
import { restoreEnvAfterAll, stubEnv } from '../helpers/env.js';

/**
 * Live mode pointed at the emulator only through the SDK's own settings:
 * AWS_ENDPOINT_URL_<SERVICE> and credentials in the environment, as an
 * acceptance run against another emulator would. Then the organisation's
 * accounts are discovered and each is scanned through an assumed role.
 */
const MANAGEMENT = '100000000001';
const MEMBER = '200000000002';
const role = (externalId?: string) => ({ name: 'annexa-audit', policies: ['SecurityAudit'], ...(externalId ? { externalId } : {}) });
const scenario = {
  organization: {},
  accounts: [
    {
      id: MANAGEMENT,
      regions: ['us-east-1'],
      root: { mfa: 'hardware' },
      roles: [role()],
      publicAccessBlock: true,
      buckets: [{ name: 'mgmt-eu', region: 'eu-west-1' }],
      trails: [{ name: 'audit', homeRegion: 'us-east-1', bucket: 'mgmt-eu' }],
      guardDuty: [{ region: 'us-east-1' }],
      securityHub: [{ region: 'us-east-1', standards: [{ standard: 'aws-foundational-security-best-practices/v/1.0.0' }] }],
      configRecorders: [{ region: 'us-east-1' }],
      logGroups: [{ name: '/app', region: 'us-east-1' }],
    },
    { id: MEMBER, regions: ['us-east-1'], root: { mfa: 'none' }, roles: [role('acme-annexa')] },
  ],
};

const ENV_NAMES: Record<string, string> = {
  sts: 'STS',
  iam: 'IAM',
  s3: 'S3',
  s3control: 'S3_CONTROL',
  kms: 'KMS',
  ec2: 'EC2',
  organizations: 'ORGANIZATIONS',
  cloudtrail: 'CLOUDTRAIL',
  config: 'CONFIG_SERVICE',
  guardduty: 'GUARDDUTY',
  securityhub: 'SECURITYHUB',
  logs: 'CLOUDWATCH_LOGS',
};

let handle: SandboxHandle<AwsTargetOptions>;
let live: ProviderRuntime;
restoreEnvAfterAll();

beforeAll(async () => {
  handle = await awsProvider.sandbox!(scenario, runtime);
  // The SDK reads these from process.env itself.
  for (const [service, name] of Object.entries(ENV_NAMES)) stubEnv({ [`AWS_ENDPOINT_URL_${name}`]: handle.endpoints[service] });
  stubEnv({
    AWS_ACCESS_KEY_ID: 'AKIAFIXTUREFIXTURE01',
    AWS_SECRET_ACCESS_KEY: 'fixture-value-not-a-secret',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  });
  live = { ...runtime, env: process.env };
});
afterAll(async () => {
  await handle?.stop();
});

async function rootMfa(targets: Target[], ids = ['aws.iam.root-mfa']) {
  const checks = (await awsChecks()).filter((c) => ids.includes(c.meta.id));
  const store = new FactStore(new Pools());
  const factsOf = factsByTarget(new Map([['aws', awsProvider as Provider]]), store, live);
  const results = await runChecks({
    checks,
    targets,
    store,
    factsOf,
    runtime: live,
    settingsOf: (c) => settingsFor(c),
    now: new Date(),
    concurrency: 4,
    checkTimeoutMs: 20_000,
  });
  return { results, factsOf };
}

describe('live mode through AWS_ENDPOINT_URL_* and the default credential chain', () => {
  it("scans the caller's own account when no role is named", async () => {
    const targets = await awsProvider.resolveTargets({}, live);
    expect(targets.map((t) => t.id)).toEqual([`aws:${MANAGEMENT}`]);
    expect(JSON.stringify(targets)).not.toContain('fixture-value');
    const { results } = await rootMfa(targets, ['aws.iam.root-mfa', 'aws.s3.public-access-block']);
    expect(results.map((r) => [r.resource, r.status]).sort()).toEqual([
      [`arn:aws:iam::${MANAGEMENT}:root`, 'pass'],
      ['arn:aws:s3:::mgmt-eu', 'pass'],
    ]);
  });

  it("discovers the organisation's accounts and assumes the role in each", async () => {
    const targets = await awsProvider.resolveTargets({ organization: { roleName: 'annexa-audit', externalId: 'acme-annexa' } }, live);
    // The management account is the caller's own: scanned with its credentials, no role to assume.
    expect(targets.map((t) => [t.id, t.options.roleArn])).toEqual([
      [`aws:${MANAGEMENT}`, undefined],
      [`aws:${MEMBER}`, `arn:aws:iam::${MEMBER}:role/annexa-audit`],
    ]);
    const { results, factsOf } = await rootMfa(targets);
    expect(results.map((r) => [r.resource, r.status]).sort()).toEqual([
      [`arn:aws:iam::${MANAGEMENT}:root`, 'pass'],
      [`arn:aws:iam::${MEMBER}:root`, 'fail'],
    ]);
    const member = nth(targets, 1);
    const who = await awsProvider.identity(factsOf(member) as never, member);
    expect(who.principal).toMatch(new RegExp(`^arn:aws:sts::${MEMBER}:assumed-role/annexa-audit/`));
  });

  it('reaches CloudTrail, Config, GuardDuty, Security Hub and CloudWatch Logs through their own variables', async () => {
    const targets = await awsProvider.resolveTargets({}, live);
    const ids = [
      'aws.cloudtrail.multi-region',
      'aws.guardduty.enabled',
      'aws.securityhub.enabled',
      'aws.config.recorder',
      'aws.logs.retention',
    ];
    const { results } = await rootMfa(targets, ids);
    expect(results.map((r) => [r.checkId, r.status, r.messageId]).sort()).toEqual([
      ['aws.cloudtrail.multi-region', 'pass', 'recording'],
      ['aws.config.recorder', 'pass', 'recording'],
      ['aws.guardduty.enabled', 'pass', 'watching'],
      ['aws.logs.retention', 'fail', 'notKmsEncrypted'],
      ['aws.securityhub.enabled', 'pass', 'enabled'],
    ]);
  });

  it('a role whose external id does not match is an error for that account, not a pass', async () => {
    const targets = await awsProvider.resolveTargets(
      { accounts: [{ roleArn: `arn:aws:iam::${MEMBER}:role/annexa-audit`, externalId: 'wrong' }] },
      live,
    );
    const { results } = await rootMfa(targets);
    expect(results).toHaveLength(1);
    expect(results[0]?.status).toBe('error');
  });

  it('without usable credentials, resolving targets is a usage error', async () => {
    await expect(awsProvider.resolveTargets({ profile: 'no-such-profile' }, live)).rejects.toMatchObject({
      name: 'UsageError',
      exitCode: 2,
    });
  });
});

describe('sandbox mode', () => {
  it('points one target at each scenario account, the others through their audit role', () => {
    expect(handle.targets.map((t) => [t.id, t.options.roleArn, t.options.externalId])).toEqual([
      [`aws:${MANAGEMENT}`, undefined, undefined],
      [`aws:${MEMBER}`, `arn:aws:iam::${MEMBER}:role/annexa-audit`, 'acme-annexa'],
    ]);
  });
});
