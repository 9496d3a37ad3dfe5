import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { SandboxHandle } from '../src/core/provider.js';
import { awsProvider } from '../src/providers/aws/provider.js';
import type { AwsTargetOptions } from '../src/providers/aws/types.js';
import { startGithubSandbox, type GithubSandbox } from '../src/sandbox/github/index.js';
import { runCli, tempDir } from './helpers/cli.js';
import { restoreEnvAfterAll, stubEnv } from './helpers/env.js';
import { scenarioSection } from './github/harness.js';

/**
 * The run's secrets planted where users put them — a token in the
 * environment, an AWS secret key, a password in the GitHub API URL or in an AWS endpoint URL, a role's
 * external id in the config — and a live scan of the emulators at debug log
 * level: no evidence file, state file or output line may hold any of them.
 */

const MEMBER = '200000000002';
const PLANTED = {
  awsSecret: 'planted-aws-secret-key-9f8e7d6c5b4a',
  urlPassword: 'planted-url-password-5a4b3c',
  endpointPassword: 'planted-endpoint-password-3e2d1c',
  externalId: 'planted-external-id-77c1e0',
};

const AWS_ENV: Record<string, string> = {
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

let aws: SandboxHandle<AwsTargetOptions>;
let github: GithubSandbox;
restoreEnvAfterAll();

beforeAll(async () => {
  aws = await awsProvider.sandbox!(
    {
      accounts: [
        { id: '100000000001', regions: ['us-east-1'], root: { mfa: 'hardware' } },
        {
          id: MEMBER,
          regions: ['us-east-1'],
          root: { mfa: 'none' },
          roles: [{ name: 'annexa-audit', policies: ['SecurityAudit'], externalId: PLANTED.externalId }],
        },
      ],
    },
    { log: pino({ level: 'silent' }), env: {}, callTimeoutMs: 10_000 },
  );
  github = await startGithubSandbox(scenarioSection('acme'));
  // The SDK reads its settings from process.env.
  for (const [service, name] of Object.entries(AWS_ENV)) stubEnv({ [`AWS_ENDPOINT_URL_${name}`]: aws.endpoints[service] });
  // A proxy's credentials in an endpoint URL, as some users route the SDK through one.
  const iam = new URL(aws.endpoints.iam!);
  iam.username = 'proxy';
  iam.password = PLANTED.endpointPassword;
  stubEnv({ AWS_ENDPOINT_URL_IAM: iam.href });
  stubEnv({
    AWS_ACCESS_KEY_ID: 'AKIAPLANTEDPLANTED01',
    AWS_SECRET_ACCESS_KEY: PLANTED.awsSecret,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  });
});
afterAll(async () => {
  await aws?.stop();
  await github?.stop();
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe("the run's secrets", () => {
  it('reach no evidence file, no state file, no log line and no output', async () => {
    const token = github.tokens.default;
    if (!token) throw new Error('the GitHub sandbox has no default token');
    // The emulator's secret-scanning alerts carry a fake secret unless asked hide_secret (github.org.open-alerts reads them).
    const planted = { ...PLANTED, token, secretScanningSecret: 'ghp_sandboxFAKE' };
    const dir = await tempDir();
    const config = {
      aws: { regions: ['us-east-1'], accounts: [{ roleArn: `arn:aws:iam::${MEMBER}:role/annexa-audit`, externalId: PLANTED.externalId }] },
      github: { orgs: ['acme'] },
      checks: { include: ['aws.iam.*', 'github.org.*', 'github.repo.webhook-tls'] },
    };
    await writeFile(path.join(dir, 'annexa.config.yaml'), stringify(config));
    const apiUrl = new URL(github.apiUrl);
    apiUrl.username = 'annexa';
    apiUrl.password = PLANTED.urlPassword;
    const { code, stdout, stderr } = await runCli(
      [
        'scan',
        '--github-api-url',
        apiUrl.href,
        '--out',
        'evidence',
        '--json',
        '--log-level',
        'debug',
        '--fail-on',
        'none',
        '--allow-errors',
      ],
      { cwd: dir, env: { ...process.env, GITHUB_TOKEN: token } },
    );
    expect(stderr).not.toMatch(/^annexa: /m);
    expect(code).toBe(0);
    const run = JSON.parse(stdout);
    // The scan did reach both: the member account through its role, the organisation with the token.
    expect(run.scope.targets.map((t: { id: string }) => t.id).sort()).toEqual([`aws:${MEMBER}`, 'github:acme']);
    expect(run.results.some((r: { checkId: string; status: string }) => r.checkId.startsWith('github.') && r.status !== 'error')).toBe(
      true,
    );
    expect(run.results.some((r: { checkId: string; status: string }) => r.checkId.startsWith('aws.') && r.status !== 'error')).toBe(true);

    const files = await filesUnder(path.join(dir, 'evidence'));
    expect(files.some((f) => f.endsWith('manifest.json'))).toBe(true);
    expect(files.some((f) => f.includes(`${path.sep}.state${path.sep}`))).toBe(true);
    const texts: [string, string][] = [
      ['stdout', stdout],
      ['stderr', stderr],
      ...(await Promise.all(files.map(async (f) => [f, await readFile(f, 'utf8')] as [string, string]))),
    ];
    for (const [where, text] of texts) {
      for (const [name, value] of Object.entries(planted)) expect(text.includes(value), `${name} found in ${where}`).toBe(false);
    }
    const manifest = texts.find(([f]) => f.endsWith('manifest.json'))![1];
    expect(manifest).not.toContain('externalId');
  }, 60_000);
});
